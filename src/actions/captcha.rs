//! 步驟2's 驗證碼: one picture at a time from `POST /captchas`, a new one on 重新產生驗證碼 or when
//! the backend may have used the last one up. 送出 pressed while a picture is on its way is not
//! lost: the form is sent when the picture comes.

use leptos::prelude::*;
use mobile_auth_core::contract::Captcha;
use mobile_auth_core::{ErrorCode, Field, Lang};

use crate::state::AppState;

#[derive(Clone, Copy)]
pub struct CaptchaSupply {
    app: AppState,
    /// The picture shown, once it has come.
    pub current: RwSignal<Option<Captcha>>,
    coming: RwSignal<bool>,
    /// 送出 was pressed before the picture came.
    waiting: RwSignal<bool>,
    /// Where a failed fetch is reported.
    problem: RwSignal<Option<ErrorCode>>,
}

impl CaptchaSupply {
    /// Fetches the first picture.
    pub fn new(app: AppState, problem: RwSignal<Option<ErrorCode>>) -> CaptchaSupply {
        let c = CaptchaSupply {
            app,
            current: RwSignal::new(None),
            coming: RwSignal::new(false),
            waiting: RwSignal::new(false),
            problem,
        };
        c.renew();
        c
    }

    /// A new picture; the answer typed for the old one goes.
    pub fn renew(self) {
        self.current.set(None);
        self.app.form.text(Field::Captcha).set(String::new());
        self.coming.set(true);
        leptos::task::spawn_local(async move {
            let answer = self.app.api().new_captcha().await;
            // The screen may have gone meanwhile.
            let _ = self.coming.try_set(false);
            match answer {
                Ok(c) => {
                    let _ = self.current.try_set(Some(c));
                }
                Err(p) => {
                    let _ = self.waiting.try_set(false);
                    let _ = self.problem.try_set(Some(p.code));
                }
            }
        });
    }

    /// The picture to send the form with. Without one, `None`: the form is sent by
    /// `send_when_ready`'s callback when the picture on its way comes, or, with none coming (its
    /// fetch failed), a new one is asked for.
    pub fn for_submit(self) -> Option<Captcha> {
        let current = self.current.get_untracked();
        if current.is_none() {
            if self.coming.get_untracked() {
                self.waiting.set(true);
            } else {
                self.renew();
            }
        }
        current
    }

    /// The picture's code spoken in `voice`, for an `<audio>` element (the browser fetches it).
    pub fn audio_url(self, voice: Lang) -> Option<String> {
        self.current.with_untracked(|c| {
            c.as_ref()
                .map(|c| self.app.api().captcha_audio_url(&c.captcha_id, voice))
        })
    }

    /// Sends the form (`submit`) when a picture comes after 送出 was pressed for it.
    pub(crate) fn send_when_ready(self, submit: impl Fn() + 'static) {
        Effect::new(move |_| {
            if self.current.with(Option::is_some) && self.waiting.get_untracked() {
                self.waiting.set(false);
                submit();
            }
        });
    }
}
