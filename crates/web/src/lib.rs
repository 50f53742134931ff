//! The web app and JSON API over the store.
