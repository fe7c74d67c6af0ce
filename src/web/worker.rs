//! The worker side of [`crate::core::job`]: each worker binary hands
//! [`serve`] how it answers its jobs.

use crate::core::job::Job;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Where the answer to one job goes: to the app, under the job's number.
pub struct Reply {
    scope: DedicatedWorkerGlobalScope,
    number: u32,
}

impl Reply {
    /// Sends the job's answer to the app.
    pub fn send(self, answer: String) {
        let message = js_sys::Array::of2(&JsValue::from(self.number), &JsValue::from(answer));
        if let Err(e) = self.scope.post_message(&message) {
            wasm_bindgen::throw_val(e);
        }
    }
}

/// Listens for jobs of type `J`, says `true` to the app once it does, and
/// hands each job to `answer` with its [`Reply`], to send now or once its
/// files are in. A message that is not such a job is a bug in the app: it
/// throws, which the app sees as the worker's `error` event.
pub fn serve<J: Job + 'static>(answer: impl Fn(J, Reply) + 'static) {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        let parts: Option<Vec<String>> = js_sys::Array::from(&event.data()).iter().map(|part| part.as_string()).collect();
        let Some((number, job)) = parts.and_then(J::from_message) else {
            wasm_bindgen::throw_str(&format!("{}: a message that is not one of its jobs", J::WORKER.name()));
        };
        answer(job, Reply { scope: replies.clone(), number });
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::TRUE);
}
