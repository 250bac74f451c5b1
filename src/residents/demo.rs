//! Fictional demo residents for `serve --demo`: sign in without e-ID to try Mina sidor. Their
//! numbers are Skatteverket's published test personnummer, which belong to nobody, and
//! every page a demo session opens says "Demo".

use super::PersonalNumber;

/// A demo resident: a made-up name and a test personnummer.
pub struct DemoResident {
    pub name: &'static str,
    pub personal_number: &'static str,
}

/// The demo residents, in the order the sign-in page lists them.
pub const RESIDENTS: &[DemoResident] = &[
    DemoResident {
        name: "Tolvan Tolvansson",
        personal_number: "19121212-1212",
    },
    DemoResident {
        name: "Anna Exempel",
        personal_number: "19811218-9876",
    },
];

impl DemoResident {
    pub fn number(&self) -> Option<PersonalNumber> {
        PersonalNumber::parse(self.personal_number)
    }
}
