//! The innograph command line: parse, dispatch, report errors.

mod cli;
mod cmd;

use clap::Parser;

// counts each thread's allocations, for `serve --max-query-mb`
#[global_allocator]
static ALLOCATOR: innograph::memory::Counting = innograph::memory::Counting;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        // `innograph query … | head`: the reader went away; end quietly, as ripgrep does
        Err(e) if cmd::output::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("innograph: {}", chain.join(": "));
            ExitCode::FAILURE
        }
    }
}
