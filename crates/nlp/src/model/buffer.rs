//! Reused per-thread buffers, cache-line aligned.

use std::mem::size_of;

/// Bytes of a cache line, and of one row of an AMX tile.
const LINE: usize = 64;

/// A reused buffer handing out windows that start on a 64-byte boundary. An AMX
/// tile row is 64 bytes, so an unaligned tile load or store touches two cache lines
/// per row instead of one. The buffer only grows: callers write every value they
/// read, and zeroing a document's worth of rows whenever one is longer than the
/// last would cost more than the small products on it.
#[derive(Debug, Default)]
pub(crate) struct Buffer<T> {
    raw: Vec<T>,
}

impl<T: Copy + Default> Buffer<T> {
    /// Values of slack that let the window start on a boundary wherever `raw` lies.
    const SLACK: usize = LINE / size_of::<T>();

    fn start(&self) -> usize {
        let misaligned = self.raw.as_ptr() as usize % LINE;
        if misaligned == 0 {
            0
        } else {
            (LINE - misaligned) / size_of::<T>()
        }
    }

    /// The first `len` values of the window, growing the buffer if needed (growing
    /// may move what an earlier call wrote).
    pub(crate) fn window(&mut self, len: usize) -> &mut [T] {
        if self.raw.len() < len + Self::SLACK {
            self.raw.resize(len + Self::SLACK, T::default());
        }
        let start = self.start();
        &mut self.raw[start..start + len]
    }

    /// The first `len` values of the window as the last [`Buffer::window`] left them.
    pub(crate) fn get(&self, len: usize) -> &[T] {
        let start = self.start();
        &self.raw[start..start + len]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_aligned_and_keep_their_values() {
        let mut buffer: Buffer<u16> = Buffer::default();
        for len in [1, 100, 7, 5000, 3] {
            let window = buffer.window(len);
            assert_eq!(window.len(), len);
            assert_eq!(window.as_ptr() as usize % LINE, 0);
            window[len - 1] = len as u16;
            assert_eq!(buffer.get(len)[len - 1], len as u16);
        }
    }
}
