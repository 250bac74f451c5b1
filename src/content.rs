//! Where the assistant's content comes from: the files compiled into the binary, or a
//! municipality's own directory with the same layout.
//!
//! Layout: `knowledge/*.toml`, `intents/*.toml`, `locales/<lang>/*.ftl` and
//! `municipality.toml`. This module only reads files; parsing belongs to the modules that
//! own each kind of content, so that an error names the file it came from.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

static KNOWLEDGE: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/knowledge");
static INTENTS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/intents");
static LOCALES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/locales");
static MUNICIPALITY: &str = include_str!("../config/municipality.toml");
static VOLUNTEER_WORDS: &str = include_str!("../volunteering/words.toml");

/// One content file: the path to name in errors, and its text.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub path: String,
    pub text: String,
}

/// All content files of one municipality.
#[derive(Debug, Clone)]
pub struct Content {
    pub knowledge: Vec<ContentFile>,
    pub intents: Vec<ContentFile>,
    /// Locale files with the language directory they sit in.
    pub locales: Vec<(String, ContentFile)>,
    pub municipality: ContentFile,
    /// The words residents answer the volunteer questions with.
    pub volunteer_words: ContentFile,
}

/// A content directory that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {source}")]
pub struct ContentError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

impl Content {
    /// A municipality's directory when one is configured, else the shipped content.
    pub fn configured(dir: Option<&Path>) -> Result<Content, ContentError> {
        match dir {
            Some(dir) => Content::from_dir(dir),
            None => Ok(Content::embedded()),
        }
    }

    /// The content shipped inside the binary (the example municipality).
    pub fn embedded() -> Content {
        Content {
            knowledge: embedded_files(&KNOWLEDGE, "knowledge", "toml"),
            intents: embedded_files(&INTENTS, "intents", "toml"),
            locales: LOCALES
                .dirs()
                .flat_map(|dir| {
                    let lang = dir.path().to_string_lossy().into_owned();
                    embedded_files(dir, "locales", "ftl")
                        .into_iter()
                        .map(move |file| (lang.clone(), file))
                })
                .collect(),
            municipality: ContentFile {
                path: "config/municipality.toml".into(),
                text: MUNICIPALITY.into(),
            },
            volunteer_words: embedded_volunteer_words(),
        }
    }

    /// A municipality's own content directory.
    pub fn from_dir(dir: &Path) -> Result<Content, ContentError> {
        let mut locales = Vec::new();
        for entry in read_dir(&dir.join("locales"))? {
            if entry.is_dir() {
                let lang = entry
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default();
                for file in files_in(&entry, "ftl")? {
                    locales.push((lang.clone(), file));
                }
            }
        }
        let municipality_path = dir.join("municipality.toml");
        Ok(Content {
            knowledge: files_in(&dir.join("knowledge"), "toml")?,
            intents: files_in(&dir.join("intents"), "toml")?,
            locales,
            municipality: read_file(&municipality_path)?,
            // The words are the same for every municipality; a directory may add its own.
            volunteer_words: match dir.join("volunteering/words.toml") {
                path if path.exists() => read_file(&path)?,
                _ => embedded_volunteer_words(),
            },
        })
    }
}

fn embedded_volunteer_words() -> ContentFile {
    ContentFile {
        path: "volunteering/words.toml".into(),
        text: VOLUNTEER_WORDS.into(),
    }
}

/// Where a `[code]` table starts in a content file (for errors), and the supported language
/// it names, if any.
pub fn language_table(text: &str, code: &str) -> (Option<usize>, Option<crate::language::Lang>) {
    let header = format!("[{code}]");
    let line = text.lines().position(|l| l.trim() == header).map(|i| i + 1);
    let lang = crate::language::Lang::from_code(code).filter(|lang| lang.code() == code);
    (line, lang)
}

/// The line a TOML error points at, counted from 1.
pub fn error_line(text: &str, error: &toml::de::Error) -> Option<usize> {
    error
        .span()
        .map(|span| text[..span.start.min(text.len())].lines().count().max(1))
}

fn embedded_files(dir: &Dir<'_>, prefix: &str, extension: &str) -> Vec<ContentFile> {
    let mut files: Vec<ContentFile> = dir
        .files()
        .filter(|file| file.path().extension().is_some_and(|ext| ext == extension))
        .map(|file| ContentFile {
            path: format!("{prefix}/{}", file.path().display()),
            text: String::from_utf8_lossy(file.contents()).into_owned(),
        })
        .collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, ContentError> {
    let error = |source| ContentError {
        path: dir.to_path_buf(),
        source,
    };
    let mut paths = std::fs::read_dir(dir)
        .map_err(error)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(error)?;
    paths.sort();
    Ok(paths)
}

fn files_in(dir: &Path, extension: &str) -> Result<Vec<ContentFile>, ContentError> {
    read_dir(dir)?
        .into_iter()
        .filter(|path| path.extension().is_some_and(|ext| ext == extension))
        .map(|path| read_file(&path))
        .collect()
}

fn read_file(path: &Path) -> Result<ContentFile, ContentError> {
    let text = std::fs::read_to_string(path).map_err(|source| ContentError {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(ContentFile {
        path: path.display().to_string(),
        text,
    })
}
