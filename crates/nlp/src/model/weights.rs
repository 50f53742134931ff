//! Reads `weights.bin`: named little-endian f32 arrays (format in `models/ner/build.py`).

use std::collections::HashMap;

use crate::NlpError;

/// A named array: its shape and values.
#[derive(Debug)]
pub(crate) struct Array {
    pub shape: Vec<usize>,
    pub data: Vec<f32>,
}

/// All arrays of the file, by name.
#[derive(Debug)]
pub(crate) struct Weights(HashMap<String, Array>);

impl Weights {
    pub(crate) fn parse(bytes: &[u8]) -> Result<Self, NlpError> {
        let mut reader = Reader { bytes, at: 0 };
        if reader.take(8)? != b"NGNERW01" {
            return Err(NlpError::Model("weights.bin: bad magic".into()));
        }
        let count = reader.u32()? as usize;
        let mut arrays = HashMap::with_capacity(count);
        for _ in 0..count {
            let name_len = u16::from_le_bytes([reader.u8()?, reader.u8()?]) as usize;
            let name = std::str::from_utf8(reader.take(name_len)?)
                .map_err(|_| NlpError::Model("weights.bin: bad name".into()))?
                .to_string();
            let ndim = reader.u8()? as usize;
            let shape = (0..ndim).map(|_| reader.u32().map(|d| d as usize)).collect::<Result<Vec<_>, _>>()?;
            let len: usize = shape.iter().product();
            let raw = reader.take(len * 4)?;
            let data = raw.chunks_exact(4).map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
            arrays.insert(name, Array { shape, data });
        }
        if reader.at != bytes.len() {
            return Err(NlpError::Model("weights.bin: trailing bytes".into()));
        }
        Ok(Weights(arrays))
    }

    /// The array `name`, checked to have `shape`.
    pub(crate) fn take(&mut self, name: &str, shape: &[usize]) -> Result<Vec<f32>, NlpError> {
        let array = self.0.remove(name).ok_or_else(|| NlpError::Model(format!("weights.bin: no array {name}")))?;
        if array.shape != shape {
            return Err(NlpError::Model(format!(
                "weights.bin: {name} has shape {:?}, expected {shape:?}",
                array.shape
            )));
        }
        Ok(array.data)
    }

    /// The shape of `name`, if present.
    pub(crate) fn shape(&self, name: &str) -> Option<&[usize]> {
        self.0.get(name).map(|a| a.shape.as_slice())
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NlpError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| NlpError::Model("weights.bin: truncated".into()))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn u8(&mut self) -> Result<u8, NlpError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, NlpError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}
