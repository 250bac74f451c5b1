//! The volunteer conversation over the chat API, as transcripts: what the resident writes or
//! presses, and what the assistant answers with the buttons it offers. The test service runs
//! with the demo needs loaded.

use expect_test::{Expect, expect};
use serde_json::{Value, json};
use sqlx::Row;

use crate::helpers::{TestApp, spawn_app};

/// A resident's turn: typed text, or a pressed button by its choice id.
enum Says {
    Text(&'static str),
    Button(&'static str),
}

use Says::{Button, Text};

/// Holds one conversation through `turns`; returns its id and the transcript: each turn and
/// the reply's text with its buttons.
async fn converse(app: &TestApp, turns: &[Says]) -> (String, String) {
    let mut conversation: Option<String> = None;
    let mut lines = Vec::new();
    for turn in turns {
        let mut body = match turn {
            Text(text) => {
                lines.push(format!("> {text}"));
                json!({ "text": text })
            }
            Button(id) => {
                lines.push(format!("> [{id}]"));
                json!({ "topic": id, "text": "" })
            }
        };
        if let Some(id) = &conversation {
            body["conversation_id"] = json!(id);
        }
        let (status, reply) = app.chat(body).await;
        assert_eq!(status, 200, "{reply}");
        conversation = reply["conversation_id"].as_str().map(str::to_string);
        lines.push(shown(&reply));
    }
    (conversation.unwrap_or_default(), lines.join("\n"))
}

/// A reply as the resident sees it: its text, then its buttons as `[id] label`.
fn shown(reply: &Value) -> String {
    let mut text = format!(
        "< ({} {}) {}",
        reply["decision"].as_str().unwrap_or("-"),
        reply["language"].as_str().unwrap_or("-"),
        reply["text"].as_str().unwrap_or_default()
    );
    for choice in reply["choices"].as_array().into_iter().flatten() {
        text.push_str(&format!(
            "\n  [{}] {}",
            choice["topic"].as_str().unwrap_or_default(),
            choice["title"].as_str().unwrap_or_default()
        ));
    }
    text
}

async fn check(app: &TestApp, turns: &[Says], expected: Expect) -> String {
    let (conversation, transcript) = converse(app, turns).await;
    expected.assert_eq(&transcript);
    conversation
}

#[tokio::test]
async fn from_i_want_to_help_to_an_expressed_interest_in_swedish() {
    let app = spawn_app().await;
    let conversation = check(
        &app,
        &[
            Text("Hej! Jag vill hjälpa till som volontär"),
            Text("läxhjälp kanske, jag har körkort också"),
            Text("svenska och arabiska"),
            Text("tisdagar och torsdagar på eftermiddagen"),
            Text("norrby"),
            Text("jag är 34"),
            Text("ja"),
            Text("ja, det går bra"),
            Button("volunteer-need-1"),
        ],
        expect![[r#"
            > Hej! Jag vill hjälpa till som volontär
            < (flow sv) Vad roligt att du vill hjälpa till! Jag ställer några korta frågor så att jag kan föreslå uppdrag som passar dig. Skriv "avbryt" när du vill sluta.

            Vad skulle du vilja hjälpa till med? Välj nedan eller skriv med egna ord, till exempel "läxhjälp och idrott".
              [volunteer-topic-homework-help] Läxhjälp
              [volunteer-topic-language-cafe] Språkcafé
              [volunteer-topic-elderly] Äldre
              [volunteer-topic-sports] Idrott
              [volunteer-topic-environment] Miljö
              [volunteer-topic-culture] Kultur
              [volunteer-topic-children-and-youth] Barn och unga
              [volunteer-topic-newcomers] Nyanlända
              [volunteer-topic-digital-inclusion] Digital hjälp
              [volunteer-topic-events] Evenemang
              [volunteer-anything] Vad som helst
            > läxhjälp kanske, jag har körkort också
            < (flow sv) Vilka språk talar du? Skriv dem, till exempel "svenska och arabiska".
              [volunteer-languages-sv] svenska
              [volunteer-languages-sv-en] svenska + English
            > svenska och arabiska
            < (flow sv) När brukar du ha tid? Välj nedan eller skriv, till exempel "tisdagar på kvällen".
              [volunteer-when-daytime] Vardagar dagtid
              [volunteer-when-evenings] Kvällar
              [volunteer-when-weekends] Helger
              [volunteer-when-any] När som helst
            > tisdagar och torsdagar på eftermiddagen
            < (flow sv) Var kan du hjälpa till? Välj en del av kommunen, eller skriv "online" om du hellre hjälper till på distans.
              [volunteer-where-0] Centrum
              [volunteer-where-1] Norrby
              [volunteer-where-2] Sjöstaden
              [volunteer-where-3] Västerby
              [volunteer-where-4] Österäng
              [volunteer-where-online] Online
              [volunteer-where-anywhere] Var som helst
            > norrby
            < (flow sv) Hur gammal är du? Du behöver ha fyllt 16 år för att vara volontär hos oss.
              [volunteer-age-adult] 18 år eller äldre
              [volunteer-age-16] 16–17 år
              [volunteer-age-under] Under 16 år
            > jag är 34
            < (flow sv) En del uppdrag med barn eller äldre kräver att du visar ett utdrag ur belastningsregistret. Du beställer det gratis från Polisen. Kan du tänka dig att visa ett sådant?
              [volunteer-yes] Ja
              [volunteer-no] Nej
            > ja
            < (flow sv) Sista frågan: får samordnarna kontakta dig här i chatten om uppdrag du visar intresse för? Vi sparar då dina svar som en volontärprofil tills du ber oss radera den – skriv "radera min volontärprofil" när du vill.
              [volunteer-yes] Ja
              [volunteer-no] Nej
            > ja, det går bra
            < (flow sv) Tack! Det här är uppdrag som passar dig:
            1. Läxhjälp för nyanlända elever (kommunen) – passar eftersom du talar arabiska, är intresserad av läxhjälp och är ledig tisdagseftermiddagar och torsdagseftermiddagar.
            Tryck på "Jag är intresserad" vid ett uppdrag, så berättar jag det för samordnaren.
              [volunteer-need-1] Jag är intresserad: Läxhjälp för nyanlända elever
              [volunteer-more] Visa andra uppdrag
              [volunteer-change] Ändra mina svar
              [volunteer-delete] Radera min volontärprofil
            > [volunteer-need-1]
            < (flow sv) Tack! Jag har berättat för samordnaren att du är intresserad av "Läxhjälp för nyanlända elever". Du får besked här när de har svarat.
              [volunteer-more] Visa andra uppdrag
              [volunteer-change] Ändra mina svar
              [volunteer-delete] Radera min volontärprofil"#]],
    )
    .await;
    let database = app.database().await;
    let row = sqlx::query(
        "SELECT i.status, i.reasons, p.language FROM volunteer_interests i \
         JOIN volunteer_profiles p ON p.id = i.volunteer_id WHERE p.conversation_id = $1",
    )
    .bind(&conversation)
    .fetch_one(&database)
    .await
    .expect("the interest is stored");
    assert_eq!(row.get::<String, _>(0), "pending");
    assert!(row.get::<String, _>(1).contains("arabiska"));
    assert_eq!(row.get::<String, _>(2), "sv");
}

#[tokio::test]
async fn buttons_in_english_with_paging_and_a_returning_volunteer() {
    let app = spawn_app().await;
    check(
        &app,
        &[
            Text("I want to volunteer"),
            Button("volunteer-anything"),
            Button("volunteer-languages-sv-en"),
            Button("volunteer-when-any"),
            Button("volunteer-where-anywhere"),
            Button("volunteer-age-adult"),
            Button("volunteer-yes"),
            Button("volunteer-yes"),
            Button("volunteer-more"),
            Button("volunteer-more"),
            Text("I would like to volunteer again"),
            Button("volunteer-delete"),
        ],
        expect![[r#"
            > I want to volunteer
            < (flow en) How nice that you want to help! I'll ask a few short questions so that I can suggest assignments that suit you. Write "cancel" whenever you want to stop.

            What would you like to help with? Choose below or write in your own words, for example "homework help and sports".
              [volunteer-topic-homework-help] Homework help
              [volunteer-topic-language-cafe] Language café
              [volunteer-topic-elderly] Older people
              [volunteer-topic-sports] Sports
              [volunteer-topic-environment] Environment
              [volunteer-topic-culture] Culture
              [volunteer-topic-children-and-youth] Children and young people
              [volunteer-topic-newcomers] Newcomers
              [volunteer-topic-digital-inclusion] Digital help
              [volunteer-topic-events] Events
              [volunteer-anything] Anything
            > [volunteer-anything]
            < (flow en) Which languages do you speak? Write them, for example "Swedish and Arabic".
              [volunteer-languages-sv] svenska
              [volunteer-languages-sv-en] svenska + English
            > [volunteer-languages-sv-en]
            < (flow en) When are you usually free? Choose below or write, for example "Tuesday evenings".
              [volunteer-when-daytime] Weekdays, daytime
              [volunteer-when-evenings] Evenings
              [volunteer-when-weekends] Weekends
              [volunteer-when-any] Any time
            > [volunteer-when-any]
            < (flow en) Where can you help? Choose a part of the municipality, or write "online" if you would rather help remotely.
              [volunteer-where-0] Centrum
              [volunteer-where-1] Norrby
              [volunteer-where-2] Sjöstaden
              [volunteer-where-3] Västerby
              [volunteer-where-4] Österäng
              [volunteer-where-online] Online
              [volunteer-where-anywhere] Anywhere
            > [volunteer-where-anywhere]
            < (flow en) How old are you? You need to be at least 16 to volunteer with us.
              [volunteer-age-adult] 18 or older
              [volunteer-age-16] 16–17
              [volunteer-age-under] Under 16
            > [volunteer-age-adult]
            < (flow en) Some assignments with children or older people require you to show an extract from the criminal records register. You order it free of charge from the Police. Would you be willing to show one?
              [volunteer-yes] Yes
              [volunteer-no] No
            > [volunteer-yes]
            < (flow en) Last question: may the coordinators contact you here in the chat about assignments you show interest in? We then keep your answers as a volunteer profile until you ask us to delete it – write "delete my volunteer profile" whenever you like.
              [volunteer-yes] Yes
              [volunteer-no] No
            > [volunteer-yes]
            < (flow en) Thank you! These assignments suit you:
            1. Conversation leader at the language café (the municipality) – suggested because you speak Swedish, are interested in language cafés, culture and newcomers and are free on Wednesday evenings.
            2. Homework help for newly arrived pupils (the municipality) – suggested because you are interested in homework help, children and young people and newcomers, are free on Tuesday afternoons and Thursday afternoons and can get to Norrby.
            3. Fix-it day in Västerby park (the municipality) – suggested because you are interested in the environment and events, are free on Saturday mornings and can get to Västerby.
            Press "I'm interested" at an assignment and I'll tell the coordinator.
              [volunteer-need-2] I'm interested: Conversation leader at the language café
              [volunteer-need-1] I'm interested: Homework help for newly arrived pupils
              [volunteer-need-4] I'm interested: Fix-it day in Västerby park
              [volunteer-more] Show me other things
              [volunteer-change] Change my answers
              [volunteer-delete] Delete my volunteer profile
            > [volunteer-more]
            < (flow en) More assignments that suit you:
            1. Assistant coach for the sports club's children's training (IK Exempelby) – suggested because you are interested in sport and children and young people, are free on Monday evenings and Wednesday evenings and can get to Österäng.
            2. Digital coffee break: help with phones, tablets and e-ID (the municipality) – suggested because you are interested in older people and digital inclusion, are free on Thursday afternoons and can help online.
            3. Take an older person for a walk (Röda Korset Exempelby) – suggested because you are interested in older people, are free on Monday mornings and Friday mornings and can get to Sjöstaden.
            Press "I'm interested" at an assignment and I'll tell the coordinator.
              [volunteer-need-5] I'm interested: Assistant coach for the sports club's children's training
              [volunteer-need-6] I'm interested: Digital coffee break: help with phones, tablets and e-ID
              [volunteer-need-3] I'm interested: Take an older person for a walk
              [volunteer-more] Show me other things
              [volunteer-change] Change my answers
              [volunteer-delete] Delete my volunteer profile
            > [volunteer-more]
            < (flow en) Those were all the assignments that suit you right now.
              [volunteer-change] Change my answers
              [volunteer-delete] Delete my volunteer profile
            > I would like to volunteer again
            < (flow en) Welcome back! These assignments suit your volunteer profile:
            1. Conversation leader at the language café (the municipality) – suggested because you speak Swedish, are interested in language cafés, culture and newcomers and are free on Wednesday evenings.
            2. Homework help for newly arrived pupils (the municipality) – suggested because you are interested in homework help, children and young people and newcomers, are free on Tuesday afternoons and Thursday afternoons and can get to Norrby.
            3. Fix-it day in Västerby park (the municipality) – suggested because you are interested in the environment and events, are free on Saturday mornings and can get to Västerby.
            Press "I'm interested" at an assignment and I'll tell the coordinator.
              [volunteer-need-2] I'm interested: Conversation leader at the language café
              [volunteer-need-1] I'm interested: Homework help for newly arrived pupils
              [volunteer-need-4] I'm interested: Fix-it day in Västerby park
              [volunteer-more] Show me other things
              [volunteer-change] Change my answers
              [volunteer-delete] Delete my volunteer profile
            > [volunteer-delete]
            < (flow en) Your volunteer profile and your expressions of interest have been deleted."#]],
    )
    .await;
}

#[tokio::test]
async fn the_questions_never_trap_the_resident() {
    let app = spawn_app().await;
    check(
        &app,
        &[
            Text("jag vill bli volontär"),
            Text("hmm"),
            Text("när töms soporna?"),
            Text("jag vill hjälpa till"),
            Text("idrott"),
            Text("avbryt"),
            Text("jag vill hjälpa till"),
            Text("idrott"),
            Text("svenska"),
            Text("helger"),
            Text("online"),
            Text("15"),
        ],
        expect![[r#"
            > jag vill bli volontär
            < (flow sv) Vad roligt att du vill hjälpa till! Jag ställer några korta frågor så att jag kan föreslå uppdrag som passar dig. Skriv "avbryt" när du vill sluta.

            Vad skulle du vilja hjälpa till med? Välj nedan eller skriv med egna ord, till exempel "läxhjälp och idrott".
              [volunteer-topic-homework-help] Läxhjälp
              [volunteer-topic-language-cafe] Språkcafé
              [volunteer-topic-elderly] Äldre
              [volunteer-topic-sports] Idrott
              [volunteer-topic-environment] Miljö
              [volunteer-topic-culture] Kultur
              [volunteer-topic-children-and-youth] Barn och unga
              [volunteer-topic-newcomers] Nyanlända
              [volunteer-topic-digital-inclusion] Digital hjälp
              [volunteer-topic-events] Evenemang
              [volunteer-anything] Vad som helst
            > hmm
            < (flow sv) Det svaret förstod jag inte riktigt.

            Vad skulle du vilja hjälpa till med? Välj nedan eller skriv med egna ord, till exempel "läxhjälp och idrott".
              [volunteer-topic-homework-help] Läxhjälp
              [volunteer-topic-language-cafe] Språkcafé
              [volunteer-topic-elderly] Äldre
              [volunteer-topic-sports] Idrott
              [volunteer-topic-environment] Miljö
              [volunteer-topic-culture] Kultur
              [volunteer-topic-children-and-youth] Barn och unga
              [volunteer-topic-newcomers] Nyanlända
              [volunteer-topic-digital-inclusion] Digital hjälp
              [volunteer-topic-events] Evenemang
              [volunteer-anything] Vad som helst
            > när töms soporna?
            < (answer sv) Hushållsavfallet i Exempelby hämtas av Exempelby Vatten & Avfall AB. Vilken dag ditt kärl töms ser du i hämtschemat på https://www.exempelby.example/avfall/hamtschema – sök på din adress.

            Så här gör du om tunnan inte har tömts:
            1. Kontrollera att kärlet stod ute före klockan 06 på hämtdagen, med handtaget utåt och locket stängt.
            2. Gör en felanmälan om missad tömning via e-tjänsten eller ring 0123-45 61 00 senast dagen efter.

            Du kan också beställa ett större eller mindre kärl, extra tömning eller byta abonnemang i e-tjänsten.

            > jag vill hjälpa till
            < (flow sv) Vad roligt att du vill hjälpa till! Jag ställer några korta frågor så att jag kan föreslå uppdrag som passar dig. Skriv "avbryt" när du vill sluta.

            Vad skulle du vilja hjälpa till med? Välj nedan eller skriv med egna ord, till exempel "läxhjälp och idrott".
              [volunteer-topic-homework-help] Läxhjälp
              [volunteer-topic-language-cafe] Språkcafé
              [volunteer-topic-elderly] Äldre
              [volunteer-topic-sports] Idrott
              [volunteer-topic-environment] Miljö
              [volunteer-topic-culture] Kultur
              [volunteer-topic-children-and-youth] Barn och unga
              [volunteer-topic-newcomers] Nyanlända
              [volunteer-topic-digital-inclusion] Digital hjälp
              [volunteer-topic-events] Evenemang
              [volunteer-anything] Vad som helst
            > idrott
            < (flow sv) Vilka språk talar du? Skriv dem, till exempel "svenska och arabiska".
              [volunteer-languages-sv] svenska
              [volunteer-languages-sv-en] svenska + English
            > avbryt
            < (flow sv) Okej, vi avbryter här. Skriv "jag vill hjälpa till" när du vill börja igen.
            > jag vill hjälpa till
            < (flow sv) Vad roligt att du vill hjälpa till! Jag ställer några korta frågor så att jag kan föreslå uppdrag som passar dig. Skriv "avbryt" när du vill sluta.

            Vad skulle du vilja hjälpa till med? Välj nedan eller skriv med egna ord, till exempel "läxhjälp och idrott".
              [volunteer-topic-homework-help] Läxhjälp
              [volunteer-topic-language-cafe] Språkcafé
              [volunteer-topic-elderly] Äldre
              [volunteer-topic-sports] Idrott
              [volunteer-topic-environment] Miljö
              [volunteer-topic-culture] Kultur
              [volunteer-topic-children-and-youth] Barn och unga
              [volunteer-topic-newcomers] Nyanlända
              [volunteer-topic-digital-inclusion] Digital hjälp
              [volunteer-topic-events] Evenemang
              [volunteer-anything] Vad som helst
            > idrott
            < (flow sv) Vilka språk talar du? Skriv dem, till exempel "svenska och arabiska".
              [volunteer-languages-sv] svenska
              [volunteer-languages-sv-en] svenska + English
            > svenska
            < (flow sv) När brukar du ha tid? Välj nedan eller skriv, till exempel "tisdagar på kvällen".
              [volunteer-when-daytime] Vardagar dagtid
              [volunteer-when-evenings] Kvällar
              [volunteer-when-weekends] Helger
              [volunteer-when-any] När som helst
            > helger
            < (flow sv) Var kan du hjälpa till? Välj en del av kommunen, eller skriv "online" om du hellre hjälper till på distans.
              [volunteer-where-0] Centrum
              [volunteer-where-1] Norrby
              [volunteer-where-2] Sjöstaden
              [volunteer-where-3] Västerby
              [volunteer-where-4] Österäng
              [volunteer-where-online] Online
              [volunteer-where-anywhere] Var som helst
            > online
            < (flow sv) Hur gammal är du? Du behöver ha fyllt 16 år för att vara volontär hos oss.
              [volunteer-age-adult] 18 år eller äldre
              [volunteer-age-16] 16–17 år
              [volunteer-age-under] Under 16 år
            > 15
            < (flow sv) Tack för att du vill hjälpa till! Du behöver ha fyllt 16 år för att bli volontär hos kommunen. Fråga gärna en förening eller din skola om sätt att engagera dig redan nu."#]],
    )
    .await;
    // Without consent nothing is kept.
    let (conversation, _) = converse(
        &app,
        &[
            Text("jag vill hjälpa till"),
            Button("volunteer-topic-elderly"),
            Button("volunteer-languages-sv"),
            Button("volunteer-when-daytime"),
            Button("volunteer-where-2"),
            Button("volunteer-age-16"),
            Button("volunteer-no"),
            Button("volunteer-no"),
        ],
    )
    .await;
    let database = app.database().await;
    let profiles: i64 =
        sqlx::query("SELECT COUNT(*) FROM volunteer_profiles WHERE conversation_id = $1")
            .bind(&conversation)
            .fetch_one(&database)
            .await
            .expect("count")
            .get(0);
    assert_eq!(profiles, 0);
}
