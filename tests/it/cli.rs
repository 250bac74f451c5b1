//! The binary on its command line: `ask` (the eval's interface) and `check`.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

fn binary() -> Command {
    Command::new(env!("CARGO_BIN_EXE_civic-assistant"))
}

#[test]
fn ask_answers_each_line_of_stdin_as_json() {
    let mut child = binary()
        .args(["ask", "--json"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start ask");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all("när töms soporna\nI need to talk to a person\n\n".as_bytes())
        .expect("write questions");
    let output = child.wait_with_output().expect("ask output");
    assert!(output.status.success());
    let answers: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect();
    assert_eq!(answers.len(), 3, "one answer per line, the empty one too");
    assert_eq!(answers[0]["topic"], "waste-collection");
    assert_eq!(answers[0]["decision"], "answer");
    assert_eq!(answers[0]["language"], "sv");
    assert_eq!(answers[1]["intent"], "human");
    assert_eq!(answers[1]["decision"], "handoff");
    assert_eq!(answers[2]["decision"], "unknown");
}

#[test]
fn check_accepts_the_shipped_content() {
    let output = binary().arg("check").output().expect("run check");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("33 articles"));
}

/// Copies the shipped content into a directory a test may break.
fn content_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    let root = env!("CARGO_MANIFEST_DIR");
    for sub in ["knowledge", "intents", "locales"] {
        copy_dir(&std::path::Path::new(root).join(sub), &dir.path().join(sub));
    }
    std::fs::copy(
        format!("{root}/config/municipality.toml"),
        dir.path().join("municipality.toml"),
    )
    .expect("copy municipality.toml");
    dir
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("create directory");
    for entry in std::fs::read_dir(from).expect("read directory") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy file");
        }
    }
}

#[test]
fn a_content_directory_is_used_and_a_malformed_article_fails_naming_file_and_line() {
    let dir = content_copy();
    let ok = binary()
        .args(["check", "--content-dir"])
        .arg(dir.path())
        .output()
        .expect("check");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );

    let library = dir.path().join("knowledge/library.toml");
    let text = std::fs::read_to_string(&library).expect("read article");
    std::fs::write(&library, text.replacen("title = \"", "title = ", 1)).expect("break article");
    let broken = binary()
        .args(["check", "--content-dir"])
        .arg(dir.path())
        .output()
        .expect("check");
    assert!(!broken.status.success());
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(stderr.contains("knowledge/library.toml: line "), "{stderr}");
}

#[test]
fn an_article_naming_a_fact_the_municipality_lacks_fails_the_check() {
    let dir = content_copy();
    let library = dir.path().join("knowledge/library.toml");
    let text = std::fs::read_to_string(&library).expect("read article");
    std::fs::write(
        &library,
        text.replacen("body = \"\"\"", "body = \"\"\"{{links.no_such_link}} ", 1),
    )
    .expect("edit article");
    let output = binary()
        .args(["check", "--content-dir"])
        .arg(dir.path())
        .output()
        .expect("check");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("knowledge/library.toml"), "{stderr}");
}

#[test]
fn eval_shows_what_an_edit_made_worse() {
    let dir = content_copy();
    let work = tempfile::tempdir().expect("work directory");
    let questions = work.path().join("questions.jsonl");
    std::fs::write(
        &questions,
        concat!(
            r#"{"q": "hur söker jag jobb hos kommunen", "lang": "sv", "topic": "jobs"}"#,
            "\n",
            r#"{"q": "när töms soporna", "lang": "sv", "topic": "waste-collection"}"#,
            "\n",
            r#"{"q": "vem vann matchen igår", "lang": "sv", "topic": "none"}"#,
            "\n",
        ),
    )
    .expect("write questions");
    let state = work.path().join("last.json");
    let run = |content: &std::path::Path| {
        let output = binary()
            .args(["eval"])
            .arg(&questions)
            .arg("--state")
            .arg(&state)
            .arg("--content-dir")
            .arg(content)
            .output()
            .expect("run eval");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let first = run(dir.path());
    assert!(
        first.starts_with("3 of 3 questions answered as expected"),
        "{first}"
    );

    // An edit that takes the jobs article away.
    std::fs::remove_file(dir.path().join("knowledge/jobs.toml")).expect("remove the article");
    let second = run(dir.path());
    assert!(
        second.contains("WORSE\thur söker jag jobb hos kommunen"),
        "{second}"
    );
    assert!(
        second.contains("1 worse, 0 better since the last run"),
        "{second}"
    );
}

/// The binary with none of the service's settings from the test's own environment.
pub(crate) fn configured_binary(data_dir: &std::path::Path) -> Command {
    let mut command = binary();
    for name in [
        "DATABASE_URL",
        "CIVIC_ASSISTANT_ADDR",
        "CIVIC_ASSISTANT_CONTENT_DIR",
        "CIVIC_ASSISTANT_LOG_FORMAT",
        "CIVIC_ASSISTANT_TELEGRAM_TOKEN",
        "CIVIC_ASSISTANT_TELEGRAM_API_URL",
        "CIVIC_ASSISTANT_TELEGRAM_WEBHOOK_URL",
        "CIVIC_ASSISTANT_TELEGRAM_WEBHOOK_SECRET",
        "CIVIC_ASSISTANT_OIDC_ISSUER_URL",
        "CIVIC_ASSISTANT_OIDC_CLIENT_ID",
        "CIVIC_ASSISTANT_OIDC_CLIENT_SECRET",
        "CIVIC_ASSISTANT_OIDC_REDIRECT_URL",
    ] {
        command.env_remove(name);
    }
    command.env("CIVIC_ASSISTANT_DATA_DIR", data_dir);
    command
}

#[test]
fn config_check_reads_options_and_environment_as_serve_does_and_writes_nothing() {
    let work = tempfile::tempdir().expect("work directory");
    let data = work.path().join("data");
    let content = content_copy();
    let output = configured_binary(&data)
        .args(["config", "check", "--addr", "127.0.0.1:9099"])
        .env("CIVIC_ASSISTANT_CONTENT_DIR", content.path())
        .env("CIVIC_ASSISTANT_TELEGRAM_TOKEN", "123456:AAH-secret-key")
        .env(
            "CIVIC_ASSISTANT_TELEGRAM_WEBHOOK_URL",
            "https://assistant.exempelby.example/api/v1/telegram/webhook",
        )
        .env("CIVIC_ASSISTANT_TELEGRAM_WEBHOOK_SECRET", "hook-secret")
        .output()
        .expect("config check");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.starts_with("configuration ok"), "{stdout}");
    assert!(stdout.contains("127.0.0.1:9099"), "{stdout}");
    assert!(stdout.contains("(created on the first start)"), "{stdout}");
    assert!(stdout.contains("Exempelby kommun (exempelby)"), "{stdout}");
    assert!(stdout.contains("33 articles"), "{stdout}");
    assert!(
        stdout.contains("webhook at https://assistant.exempelby.example/"),
        "{stdout}"
    );
    for secret in ["AAH-secret-key", "hook-secret"] {
        assert!(!stdout.contains(secret), "{secret} printed: {stdout}");
    }
    assert!(!data.exists(), "the check created the data directory");
}

#[test]
fn config_check_lists_every_problem_and_exits_with_2() {
    let work = tempfile::tempdir().expect("work directory");
    let content = content_copy();
    let municipality = content.path().join("municipality.toml");
    let text = std::fs::read_to_string(&municipality).expect("read municipality.toml");
    std::fs::write(
        &municipality,
        text.replace(
            "\"https://www.exempelby.example\"",
            "\"https://www.exempelby.example/\"",
        ),
    )
    .expect("break the origin");
    let output = configured_binary(work.path())
        .args(["config", "check", "--content-dir"])
        .arg(content.path())
        .env("DATABASE_URL", "mysql://civic:hunter2@db.example/civic")
        .env("CIVIC_ASSISTANT_TELEGRAM_TOKEN", "not-a-token")
        .output()
        .expect("config check");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("configuration has 3 problems"),
        "{stderr}"
    );
    assert!(
        stderr.contains("database: unsupported database URL"),
        "{stderr}"
    );
    assert!(
        stderr.contains("municipality.toml: web.allowed_origins"),
        "{stderr}"
    );
    assert!(
        stderr.contains("telegram: the Telegram bot token"),
        "{stderr}"
    );
    for secret in ["hunter2", "not-a-token"] {
        assert!(!stderr.contains(secret), "{secret} printed: {stderr}");
    }
}

/// A child process that is stopped however the test ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn json_logs_carry_the_request_id_and_route_but_no_ids_or_query() {
    use std::io::{BufRead, Read};

    let work = tempfile::tempdir().expect("work directory");
    let mut serve = Running(
        configured_binary(&work.path().join("data"))
            .args(["--log-format", "json", "serve", "--addr", "127.0.0.1:0"])
            .env("RUST_LOG", "info,tantivy=warn,tower_http=debug")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start serve"),
    );
    let mut stderr = serve.0.stderr.take().expect("stderr");
    let logs = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut first_line = String::new();
    std::io::BufReader::new(serve.0.stdout.take().expect("stdout"))
        .read_line(&mut first_line)
        .expect("the listening line");
    let base = first_line
        .trim()
        .strip_prefix("civic-assistant listening on ")
        .expect("the address")
        .trim_end_matches('/')
        .to_string();

    let conversation = uuid::Uuid::new_v4();
    let response = reqwest::Client::new()
        .get(format!(
            "{base}/api/v1/conversations/{conversation}?token=query-secret"
        ))
        .header("x-request-id", "log-test-1")
        .header("cookie", "staff_session=cookie-secret")
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 404);
    // The response is written after the log line of its end; stopping the service closes
    // standard error, which ends the reader.
    drop(serve);
    let stderr = logs.join().expect("the log reader");

    let lines: Vec<Value> = stderr
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|_| panic!("not JSON: {line}")))
        .collect();
    assert!(
        lines.iter().any(|line| {
            line["span"]["request_id"] == "log-test-1"
                && line["span"]["route"] == "/api/v1/conversations/{id}"
        }),
        "{stderr}"
    );
    for private in [
        conversation.to_string().as_str(),
        "query-secret",
        "cookie-secret",
    ] {
        assert!(!stderr.contains(private), "{private} logged: {stderr}");
    }
}
