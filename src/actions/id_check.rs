//! 步驟1's 驗證: the ID is checked in Wasm first (nothing is sent for a wrong one); then the
//! backend says whether this browser holds a binding for it (`POST /id-check`, with the key id
//! this browser has, if any), and what this browser knows of its own binding decides what
//! follows (`binding::LocalBinding`): the login (步驟7), the enrollment (步驟2), or a binding
//! this browser lost, which the screen names until the ID is edited.

use futures_util::future::{join, maybe_done};
use leptos::prelude::*;
use mobile_auth_core::binding::{Loss, Outcome};
use mobile_auth_core::contract::IdCheckRequest;
use mobile_auth_core::flow::Event;
use mobile_auth_core::national_id::validate_national_id;
use mobile_auth_core::Field;

use crate::actions::form_action::{FormAction, Ready, Refusal};
use crate::binding::LocalBinding;
use crate::state::AppState;
use crate::ui::binding::BINDING_LOST_ID;
use crate::ui::summary::focus_later;

#[derive(Clone, Copy)]
pub struct IdCheck {
    app: AppState,
    /// The result: a lost binding, with the ID it was found for.
    pub form: FormAction<Option<(String, Loss)>>,
    /// The lost binding, while the ID is the one it was found for.
    pub lost: Memo<Option<Loss>>,
}

impl IdCheck {
    /// Shows why the app came back to step 1, if it did.
    pub fn new(app: AppState) -> IdCheck {
        // 步驟1 keeps the focus in its one field: a problem is shown, not focused.
        let form = FormAction::new(app, app.notice.get_untracked(), false);
        app.notice.set(None);
        let id = app.form.text(Field::NationalId);
        let lost = Memo::new(move |_| {
            form.result.with(|r: &Option<Option<(String, Loss)>>| {
                r.as_ref()
                    .and_then(Option::as_ref)
                    .filter(|(checked, _)| id.get() == *checked)
                    .map(|(_, loss)| *loss)
            })
        });
        IdCheck { app, form, lost }
    }

    /// The field left: only a typed value is judged; an empty field is judged on 驗證.
    pub fn judge(self) {
        let value = self.app.form.text(Field::NationalId).get_untracked();
        let typed = !value.trim().is_empty();
        let code = typed.then(|| validate_national_id(&value).err()).flatten();
        self.form.judge(Field::NationalId, typed, code);
    }

    /// 驗證.
    pub fn submit(self) {
        let app = self.app;
        let id = app.form.text(Field::NationalId);
        self.form.submit(
            move || match validate_national_id(&id.get_untracked()) {
                Ok(valid) => {
                    id.set(valid.clone());
                    Ready::Send(valid)
                }
                Err(code) => Ready::Invalid(vec![(Field::NationalId, code)]),
            },
            move |national_id| verify(app, national_id),
        );
    }

    /// 重新申請行動電話認證, after a lost binding: the enrollment form, with the ID kept.
    pub fn reapply(self) {
        self.app.dispatch(Event::IdChecked { bound: false });
    }
}

async fn verify(app: AppState, national_id: String) -> Result<Option<(String, Loss)>, Refusal> {
    let local = maybe_done(LocalBinding::read());
    let mut local = std::pin::pin!(local);
    if !LocalBinding::sends_no_key() {
        // The key id the check carries is IndexedDB's to confirm: read it first.
        local.as_mut().await;
    }
    // Otherwise nothing IndexedDB holds goes into the request: it leaves at once, and the
    // binding is read while it is on its way (an IndexedDB open costs a phone 40-60 ms, issue 27).
    let request = IdCheckRequest {
        national_id: national_id.clone(),
        key_id: local.as_mut().output_mut().and_then(|l| l.key_id()),
    };
    let ((), answer) = join(local.as_mut(), app.api().id_check(&request)).await;
    let answer = answer?;
    let Some(local) = local.take_output() else {
        unreachable!("joined, so read")
    };
    Ok(match local.settle(answer.bound).await {
        Outcome::Login => {
            app.dispatch(Event::IdChecked { bound: true });
            None
        }
        Outcome::Enroll => {
            app.dispatch(Event::IdChecked { bound: false });
            None
        }
        Outcome::Lost(loss) => {
            focus_later(BINDING_LOST_ID);
            Some((national_id, loss))
        }
    })
}
