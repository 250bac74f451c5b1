//! Rebuilds the binary when the shipped content changes: the content is compiled in with
//! include_dir, which does not tell cargo about files added to its directories.

fn main() {
    for dir in [
        "knowledge",
        "intents",
        "locales",
        "config",
        "migrations",
        "templates",
    ] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
