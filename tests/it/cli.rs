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
