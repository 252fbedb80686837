//! Beyond one machine: a SPARQL endpoint as the source of the analyses
//! ([`endpoint`], fetching answers in pieces under the server's caps with
//! [`paging`] and sorting them with [`order`]), pushing the store's graphs to a
//! Graph Store Protocol endpoint ([`push`]), and the HTTP authentication both
//! use ([`auth`]).

pub mod auth;
pub mod endpoint;
pub mod order;
pub mod paging;
pub mod push;
