//! Cleans one page (a file path, optional URL) and prints the record as JSON: a debugging aid.
use newsgraph_extract::Cleaner;
use newsgraph_model::SourceFormat;
use newsgraph_source::Page;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: clean_page FILE [URL]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let page = Page { bytes, url: args.next(), format: SourceFormat::Html, ..Page::default() };
    match Cleaner::new().clean(&page) {
        Ok(article) => println!("{}", serde_json::to_string_pretty(&article).unwrap_or_default()),
        Err(e) => eprintln!("error: {e}"),
    }
}
