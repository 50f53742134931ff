//! `newsgraph-eval STAGE`: the same as `newsgraph eval`, without building the store and web crates.

use clap::Parser;
use newsgraph_bench::eval::EvalCommand;

#[derive(Parser)]
#[command(name = "newsgraph-eval", about = "Score a newsgraph stage against the shared evaluation sets.")]
struct Cli {
    #[command(flatten)]
    command: EvalCommand,
}

fn main() -> std::process::ExitCode {
    match Cli::parse().command.run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("newsgraph-eval: {err:#}");
            std::process::ExitCode::from(2)
        }
    }
}
