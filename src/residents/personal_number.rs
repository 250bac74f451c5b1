//! The Swedish personal identity number (personnummer), parsed at the edge, and the keyed
//! hash that stands for it everywhere else.
//!
//! A `PersonalNumber` is never stored, logged or shown: its `Debug` and `Display` print a
//! redaction, and the only way out of it is `ResidentKey`, an HMAC-SHA256 under the
//! service's secret. Without the secret the key cannot be turned back into a number by
//! trying the few billion possible numbers.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A valid personnummer: twelve digits (century included) whose last ten pass the Luhn check.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonalNumber([u8; 12]);

impl PersonalNumber {
    /// Accepts `YYYYMMDDNNNN`, `YYYYMMDD-NNNN`, `YYMMDD-NNNN`, `YYMMDD+NNNN` (a hundred or
    /// more years old) and `YYMMDDNNNN`; spaces around are ignored. The century of a
    /// ten-digit number is the one that makes the person at most 99 years old (100 or
    /// more with `+`), relative to `today_year`.
    pub fn parse_at(text: &str, today_year: i32) -> Option<PersonalNumber> {
        let text = text.trim();
        let (digits, plus): (String, bool) = {
            let plus = text.contains('+');
            let digits: String = text.chars().filter(|c| *c != '-' && *c != '+').collect();
            (digits, plus)
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let full = match digits.len() {
            12 if !plus => digits,
            10 => {
                let yy: i32 = digits[0..2].parse().ok()?;
                let mut year = today_year - (today_year - yy).rem_euclid(100);
                if plus {
                    year -= 100;
                }
                format!("{year:04}{}", &digits[2..])
            }
            _ => return None,
        };
        let mut bytes = [0u8; 12];
        for (slot, b) in bytes.iter_mut().zip(full.bytes()) {
            *slot = b - b'0';
        }
        let month = bytes[4] * 10 + bytes[5];
        // Coordination numbers (samordningsnummer) add 60 to the day.
        let day = (bytes[6] * 10 + bytes[7]) % 60;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        luhn_valid(&bytes[2..]).then_some(PersonalNumber(bytes))
    }

    /// `parse_at` relative to this year.
    pub fn parse(text: &str) -> Option<PersonalNumber> {
        use chrono::Datelike;
        PersonalNumber::parse_at(text, chrono::Utc::now().year())
    }

    /// The twelve digits, only for hashing.
    fn digits(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

impl std::fmt::Debug for PersonalNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonalNumber(…)")
    }
}

/// The Luhn check over the ten digits YYMMDDNNNC.
fn luhn_valid(ten: &[u8]) -> bool {
    let sum: u32 = ten
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(*d);
            if i % 2 == 0 {
                let double = d * 2;
                double / 10 + double % 10
            } else {
                d
            }
        })
        .sum();
    ten.len() == 10 && sum.is_multiple_of(10)
}

/// Who a resident is in the database: the HMAC-SHA256 of their personnummer, hex.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ResidentKey(String);

impl ResidentKey {
    /// A key read back from the database.
    pub fn from_stored(text: String) -> ResidentKey {
        ResidentKey(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The first eight hex digits: a reference for the audit log that lets staff tell two
    /// requests apart without writing the whole key (or, ever, the number) there.
    pub fn short(&self) -> &str {
        self.0.get(..8).unwrap_or(&self.0)
    }
}

impl std::fmt::Debug for ResidentKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Even the hash is personal data: print only enough to tell two apart in a test.
        write!(f, "ResidentKey({}…)", &self.0[..self.0.len().min(6)])
    }
}

/// The server's secret for resident keys.
#[derive(Clone)]
pub struct Keyring {
    secret: Vec<u8>,
}

impl Keyring {
    pub fn new(secret: &[u8]) -> Keyring {
        Keyring {
            secret: secret.to_vec(),
        }
    }

    /// The configured secret, or the one kept in `data_dir/resident-key.secret`, made on
    /// first start (readable by the service's user only).
    pub fn load(configured: Option<&str>, data_dir: &std::path::Path) -> anyhow::Result<Keyring> {
        use anyhow::Context as _;
        if let Some(secret) = configured.filter(|s| !s.is_empty()) {
            anyhow::ensure!(
                secret.len() >= 32,
                "the resident key secret must have at least 32 characters"
            );
            return Ok(Keyring::new(secret.as_bytes()));
        }
        let path = data_dir.join("resident-key.secret");
        if let Ok(secret) = std::fs::read_to_string(&path) {
            let secret = secret.trim();
            anyhow::ensure!(secret.len() >= 32, "{} is too short", path.display());
            return Ok(Keyring::new(secret.as_bytes()));
        }
        std::fs::create_dir_all(data_dir)
            .with_context(|| format!("creating {}", data_dir.display()))?;
        let secret = format!(
            "{}{}",
            crate::staff::accounts::random_token(),
            crate::staff::accounts::random_token()
        );
        write_private(&path, &secret).with_context(|| format!("writing {}", path.display()))?;
        Ok(Keyring::new(secret.as_bytes()))
    }

    pub fn key(&self, number: &PersonalNumber) -> ResidentKey {
        // HMAC accepts a key of any length; `new_from_slice` cannot fail for it.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.secret)
            .expect("HMAC takes keys of any length");
        mac.update(number.digits().as_bytes());
        let bytes = mac.finalize().into_bytes();
        ResidentKey(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }
}

#[cfg(unix)]
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

#[cfg(not(unix))]
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_numbers_parse_and_check() {
        // (input, the twelve digits or None), as of 2026. The numbers are Skatteverket's
        // published test numbers or made up to pass or fail the check.
        let table: &[(&str, Option<&str>)] = &[
            ("19121212-1212", Some("191212121212")),
            ("191212121212", Some("191212121212")),
            ("121212-1212", Some("201212121212")),
            ("121212+1212", Some("191212121212")),
            ("1212121212", Some("201212121212")),
            (" 19121212-1212 ", Some("191212121212")),
            ("198112189876", Some("198112189876")),
            ("811218-9876", Some("198112189876")),
            ("19121212-1213", None), // wrong check digit
            ("19121312-1212", None), // month 13
            ("19121200-1212", None), // day 0
            ("1912121212", None),    // ten digits that fail the check
            ("19121212-121", None),  // too short
            ("191212121212X", None), // not digits
            ("", None),
            ("19701063-2391", Some("197010632391")), // a coordination number (day + 60)
        ];
        for (input, expected) in table {
            let parsed = PersonalNumber::parse_at(input, 2026).map(|n| n.digits());
            assert_eq!(parsed.as_deref(), *expected, "{input:?}");
        }
    }

    #[test]
    fn keys_depend_on_the_secret_and_never_print_the_number() {
        let number = PersonalNumber::parse_at("19121212-1212", 2026).expect("valid");
        let a = Keyring::new(b"one secret that is long enough for this");
        let b = Keyring::new(b"another secret that is long enough too");
        assert_eq!(a.key(&number), a.key(&number));
        assert_ne!(a.key(&number), b.key(&number));
        assert_eq!(a.key(&number).as_str().len(), 64);
        assert!(!format!("{number:?}").contains("1212"));
        assert!(!a.key(&number).as_str().contains("191212121212"));
        assert_eq!(a.key(&number).short(), &a.key(&number).as_str()[..8]);
        assert_eq!(ResidentKey::from_stored("abc".into()).short(), "abc");
    }
}
