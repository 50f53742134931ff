//! Reading lines with a bound, so a hostile stream without newlines cannot fill memory.

use std::io::{self, BufRead};

/// One line without its `\n` (and `\r`).
pub(crate) struct Line {
    pub bytes: Vec<u8>,
    /// The line was longer than the bound: `bytes` holds its start, the rest was discarded.
    pub cut: bool,
}

/// Reads the next line, keeping at most `max` bytes of it; `Ok(None)` at the end of the stream.
pub(crate) fn read_line<R: BufRead + ?Sized>(reader: &mut R, max: usize) -> io::Result<Option<Line>> {
    let mut bytes = Vec::new();
    let mut cut = false;
    let mut any = false;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(any.then_some(Line { bytes, cut }));
        }
        any = true;
        let (chunk, used, found) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], i + 1, true),
            None => (buf, buf.len(), false),
        };
        let room = max.saturating_sub(bytes.len());
        if chunk.len() > room {
            cut = true;
        }
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        reader.consume(used);
        if found {
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            return Ok(Some(Line { bytes, cut }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_bounded_and_stripped() {
        let mut input: &[u8] = b"ab\r\ncdefgh\nlast";
        let first = read_line(&mut input, 10).unwrap().unwrap();
        assert_eq!((first.bytes.as_slice(), first.cut), (&b"ab"[..], false));
        let second = read_line(&mut input, 3).unwrap().unwrap();
        assert_eq!((second.bytes.as_slice(), second.cut), (&b"cde"[..], true));
        let third = read_line(&mut input, 10).unwrap().unwrap();
        assert_eq!(third.bytes, b"last");
        assert!(read_line(&mut input, 10).unwrap().is_none());
    }
}
