//! `migrate-store`: an SQLite installation moved to another database (PostgreSQL in the
//! PostgreSQL pass of the suite, another SQLite file otherwise), verified, and served from
//! there with everything in place.

use std::process::Command;

use serde_json::{Value, json};

use crate::helpers::{fresh_database, spawn_instance};
use crate::staff::{PASSWORD, add_user, browser, sign_in};

#[tokio::test]
async fn an_installation_moves_to_another_database_and_keeps_working() {
    let source_dir = tempfile::tempdir().expect("temporary directory");
    let source_url = format!(
        "sqlite://{}?mode=rwc",
        source_dir.path().join("civic-assistant.db").display()
    );
    let source = spawn_instance(source_url.clone(), source_dir, None).await;
    let first = source.say(None, "när töms soporna?").await;
    let conversation = first["conversation_id"].as_str().expect("id").to_string();
    source
        .say(Some(&conversation), "jag vill hjälpa till")
        .await;
    source.say(Some(&conversation), "idrott").await;
    add_user(&source, "erik", "editor");
    let before: Value = source
        .client
        .get(source.url(&format!("/api/v1/conversations/{conversation}")))
        .send()
        .await
        .expect("transcript")
        .json()
        .await
        .expect("json");

    let target_dir = tempfile::tempdir().expect("temporary directory");
    let target_url = fresh_database(target_dir.path()).await;
    let migrate = |to: &str| {
        Command::new(env!("CARGO_BIN_EXE_civic-assistant"))
            .args(["migrate-store", "--from", &source_url, "--to", to])
            .output()
            .expect("run migrate-store")
    };
    let output = migrate(&target_url);
    let printed = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{printed}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for table in [
        "conversations",
        "messages",
        "staff_users",
        "volunteer_needs",
    ] {
        assert!(
            printed.lines().any(|line| line.starts_with(table)),
            "{table} is reported: {printed}"
        );
    }
    assert!(printed.contains("copied and verified"), "{printed}");

    // Copying again into the now filled target is refused and changes nothing.
    let again = migrate(&target_url);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));

    let target = spawn_instance(target_url, target_dir, None).await;
    let after: Value = target
        .client
        .get(target.url(&format!("/api/v1/conversations/{conversation}")))
        .send()
        .await
        .expect("transcript")
        .json()
        .await
        .expect("json");
    assert_eq!(after, before, "the conversation is the same");
    // The conversation goes on where it was (inside the volunteer questions), and new rows
    // get new ids after the copied ones.
    let (status, next) = target
        .chat(json!({ "conversation_id": conversation, "text": "svenska" }))
        .await;
    assert_eq!(status, 200, "{next}");
    assert_eq!(next["decision"], "flow");
    assert!(next["message_id"].as_i64() > before["messages"][5]["id"].as_i64());
    let staff = browser();
    let signed_in = sign_in(&target, &staff, "erik", PASSWORD).await;
    assert!(
        signed_in.status().is_redirection(),
        "the staff account moved"
    );
}
