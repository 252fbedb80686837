//! Beyond one machine: a SPARQL endpoint as the source of the analyses
//! ([`endpoint`]), pushing the store's graphs to a Graph Store Protocol endpoint
//! ([`push`]), and the HTTP authentication both use ([`auth`]).

pub mod auth;
pub mod endpoint;
pub mod push;
