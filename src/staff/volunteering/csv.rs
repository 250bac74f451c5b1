//! Writing CSV for spreadsheets (RFC 4180, comma-separated, CRLF line ends), with every cell
//! that a spreadsheet would read as a formula made inert. Only the writing: which rows to
//! export is the caller's business.

/// A UTF-8 byte order mark, so spreadsheet programs read "å" as UTF-8.
pub const BYTE_ORDER_MARK: &str = "\u{feff}";

/// A table as CSV: the header row, then one row per record.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut out = String::from(BYTE_ORDER_MARK);
    out.push_str(&row(header.iter().copied()));
    for cells in rows {
        out.push_str(&row(cells.iter().map(String::as_str)));
    }
    out
}

fn row<'a>(cells: impl Iterator<Item = &'a str>) -> String {
    let mut line = cells.map(cell).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// One cell: a text a spreadsheet would take for a formula (starting with `=`, `+`, `-`, `@`,
/// a tab or a carriage return) gets a leading `'`, and a cell with a comma, quote or line
/// break is quoted with its quotes doubled.
pub fn cell(text: &str) -> String {
    let inert = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if inert.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", inert.replace('"', "\"\""))
    } else {
        inert
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_made_inert() {
        let cases = [
            ("plain", "plain"),
            ("", ""),
            ("a, b", "\"a, b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("=1+1", "'=1+1"),
            ("+46 70", "'+46 70"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"",
            ),
            ("a=b", "a=b"),
        ];
        for (text, expected) in cases {
            assert_eq!(cell(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_table_has_a_header_and_crlf_rows() {
        let csv = table(
            &["id", "note"],
            &[
                vec!["1".into(), "a, b".into()],
                vec!["2".into(), "=x".into()],
            ],
        );
        assert_eq!(csv, "\u{feff}id,note\r\n1,\"a, b\"\r\n2,'=x\r\n");
    }
}
