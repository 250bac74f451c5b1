//! The binary: parse the command line, set up logging, run the command.

use std::io::IsTerminal as _;

use anyhow::Context as _;
use clap::Parser;
use tokio::net::TcpListener;
use tracing_subscriber::EnvFilter;

use civic_assistant::cli::{self, Cli, Command, ConfigCommand, LogFormat};

/// The exit code of `config check` when the configuration has problems (1 is any other
/// failure), so a deploy script can tell a bad configuration from a broken binary.
const EXIT_BAD_CONFIGURATION: u8 = 2;

/// mimalloc rather than the system allocator: a chat turn allocates many small strings and
/// vectors, and glibc's allocator took a measurable share of each turn under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    init_logging(cli.log_format);
    let result = match cli.command {
        Command::Serve(args) => serve(args),
        Command::Ask(args) => cli::ask(&args),
        Command::Check(args) => cli::check(&args),
        Command::Config(ConfigCommand::Check(args)) => {
            return if cli::config_check(&args) {
                std::process::ExitCode::SUCCESS
            } else {
                std::process::ExitCode::from(EXIT_BAD_CONFIGURATION)
            };
        }
        Command::Staff(cli::StaffCommand::AddUser(args)) => cli::add_user(&args),
        Command::Eval(args) => cli::eval(&args),
        Command::MigrateStore(args) => cli::migrate_store(&args),
        Command::Tenant(cli::TenantCommand::Add(args)) => cli::tenant_add(&args),
        Command::Tenant(cli::TenantCommand::List(args)) => cli::tenant_list(&args),
        Command::Retention(cli::RetentionCommand::Run(args)) => cli::retention_run(&args),
        Command::Integration(cli::IntegrationCommand::AddKey(args)) => {
            cli::add_integration_key(&args)
        }
        Command::ImportCases(args) => cli::import_cases(&args),
    };
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

/// Logs to standard error, filtered by `RUST_LOG` (`info,tantivy=warn` by default), as text or as one JSON
/// object a line with the request's span (its id and route) in each.
fn init_logging(format: LogFormat) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,tantivy=warn"));
    // Colours only for a person at a terminal, not as escape codes in the journal.
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

fn serve(args: cli::ServeArgs) -> anyhow::Result<()> {
    let settings = args.settings();
    let runtime = tokio::runtime::Runtime::new().context("starting the runtime")?;
    runtime.block_on(async move {
        let listener = TcpListener::bind(&settings.addr)
            .await
            .with_context(|| format!("binding {}", settings.addr))?;
        let address = listener.local_addr().context("reading the bound address")?;
        println!("civic-assistant listening on http://{address}/");
        civic_assistant::run(settings, listener, shutdown_signal()).await
    })
}

/// Resolves on Ctrl-C or SIGTERM, so in-flight requests finish before exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
