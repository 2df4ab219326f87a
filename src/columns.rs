//! Listings for the terminal: rows of cells in columns as wide as their widest cell.

use std::io::{self, Write};

/// Writes the headings, then each row, in columns two spaces apart; the last column is not padded.
pub fn write_columns<const N: usize>(out: &mut impl Write, headings: [&str; N], rows: &[[String; N]]) -> io::Result<()> {
    let mut widths = headings.map(|heading| heading.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let headings = headings.map(str::to_owned);
    for row in std::iter::once(&headings).chain(rows) {
        let mut line = String::new();
        for (column, (cell, width)) in row.iter().zip(widths).enumerate() {
            if column + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<width$}  "));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
