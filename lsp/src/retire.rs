//! Versions a document has moved past are dropped on a thread of their own.
//!
//! Freeing the tree and the template model of a 1,200-resource template takes a millisecond or
//! two. Dropped where it is replaced, that is in the document task while it takes the next edit,
//! every keystroke would wait for it; on this thread it runs beside the lint of the new version.

use std::sync::mpsc::{self, Sender};
use std::sync::OnceLock;

use crate::priority;

type Retired = Box<dyn Send>;

static QUEUE: OnceLock<Option<Sender<Retired>>> = OnceLock::new();

/// Drops `value` later, off the caller's thread; at once if that thread cannot be started.
pub fn later<T: Send + 'static>(value: T) {
    let queue = QUEUE.get_or_init(start);
    if let Some(queue) = queue {
        // A failed send hands the value back inside the error, which drops it here.
        let _ = queue.send(Box::new(value));
    }
}

fn start() -> Option<Sender<Retired>> {
    let (queue, retired) = mpsc::channel::<Retired>();
    let drop_all = move || {
        priority::lower_this_thread();
        retired.into_iter().for_each(drop);
    };
    std::thread::Builder::new().name("slint-retire".to_owned()).spawn(drop_all).ok()?;
    Some(queue)
}
