//! Whole-form validation for step 2 (enrollment) and step 7 (four-field login). The SPA calls
//! these before sending anything; the backend calls them again on what it receives.

use crate::contract::{ApplicationRequest, Carrier, DeviceInfo, DevicePublicKey, LoginRequest};
use crate::device::DeviceKind;
use crate::roc_date::{AdDate, RocDate};
use crate::{mobile, name, national_id, nhi, password, roc_date, ErrorCode, Field};
use serde::{Deserialize, Serialize};

/// What the user typed in the step-2 form, as typed: the SPA's form state is this value, and
/// what a reload keeps of it is its serde form, which never holds the captcha answer or a
/// password.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EnrollmentInput {
    pub national_id: String,
    pub carrier: String,
    pub mobile: String,
    pub nhi_card: String,
    pub birth_date: String,
    pub name: String,
    pub confirm: bool,
    /// `None` when not answered (only asked on tablets).
    pub has_sim: Option<bool>,
    #[serde(skip)]
    pub captcha: String,
    #[serde(skip)]
    pub password: String,
    /// `None` when the confirmation is not part of the input (a backend never receives it).
    #[serde(skip)]
    pub password_confirm: Option<String>,
}

impl EnrollmentInput {
    /// The text a field holds (`""` for a box, a choice, or a field of another form).
    pub fn text(&self, field: Field) -> &str {
        match field {
            Field::NationalId => &self.national_id,
            Field::Carrier => &self.carrier,
            Field::Mobile => &self.mobile,
            Field::NhiCard => &self.nhi_card,
            Field::BirthDate => &self.birth_date,
            Field::Name => &self.name,
            Field::Captcha => &self.captcha,
            Field::Password => &self.password,
            Field::PasswordConfirm => self.password_confirm.as_deref().unwrap_or(""),
            _ => "",
        }
    }

    /// The text a field holds, to edit; `None` for a box or a choice.
    pub fn text_mut(&mut self, field: Field) -> Option<&mut String> {
        Some(match field {
            Field::NationalId => &mut self.national_id,
            Field::Carrier => &mut self.carrier,
            Field::Mobile => &mut self.mobile,
            Field::NhiCard => &mut self.nhi_card,
            Field::BirthDate => &mut self.birth_date,
            Field::Name => &mut self.name,
            Field::Captcha => &mut self.captcha,
            Field::Password => &mut self.password,
            Field::PasswordConfirm => self.password_confirm.get_or_insert_with(String::new),
            _ => return None,
        })
    }
}

/// The normalised values of a valid form.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidEnrollment {
    pub national_id: String,
    pub carrier: String,
    pub mobile: String,
    pub nhi_card: String,
    pub birth_date: RocDate,
    pub name: String,
    pub captcha: String,
}

pub type FieldErrors = Vec<(Field, ErrorCode)>;

/// Checks one field of the enrollment form (for messages on blur).
pub fn check_enrollment_field(
    field: Field,
    input: &EnrollmentInput,
    carriers: &[Carrier],
    device: DeviceKind,
    today: AdDate,
) -> Option<ErrorCode> {
    match field {
        Field::NationalId => national_id::validate_national_id(&input.national_id).err(),
        Field::Carrier => validate_carrier(&input.carrier, carriers).err(),
        Field::Mobile => mobile::validate_mobile(&input.mobile).err(),
        Field::NhiCard => nhi::validate_nhi_card(&input.nhi_card).err(),
        Field::BirthDate => roc_date::validate_birth_date(&input.birth_date, today).err(),
        Field::Name => name::validate_name(&input.name).err(),
        Field::Confirm => (!input.confirm).then_some(ErrorCode::ConfirmRequired),
        Field::HasSim => (device == DeviceKind::Tablet && input.has_sim.is_none())
            .then_some(ErrorCode::HasSimRequired),
        Field::Captcha => input
            .captcha
            .trim()
            .is_empty()
            .then_some(ErrorCode::CaptchaRequired),
        Field::Password => password::validate_password(&input.password).err(),
        Field::PasswordConfirm => input
            .password_confirm
            .as_deref()
            .and_then(|c| password::validate_password_confirm(&input.password, c).err()),
        Field::Terms => None,
    }
}

/// The fields of the step-2 form in the order they appear on screen (and in the error summary).
pub const ENROLLMENT_FIELDS: [Field; 11] = [
    Field::NationalId,
    Field::Carrier,
    Field::Mobile,
    Field::NhiCard,
    Field::BirthDate,
    Field::Name,
    Field::Confirm,
    Field::HasSim,
    Field::Captcha,
    Field::Password,
    Field::PasswordConfirm,
];

/// Validates the whole step-2 form; every failing field is reported, in screen order.
pub fn validate_enrollment(
    input: &EnrollmentInput,
    carriers: &[Carrier],
    device: DeviceKind,
    today: AdDate,
) -> Result<ValidEnrollment, FieldErrors> {
    let errors: FieldErrors = ENROLLMENT_FIELDS
        .iter()
        .filter_map(|&f| check_enrollment_field(f, input, carriers, device, today).map(|c| (f, c)))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    // Every rule passed above, so these cannot fail; re-running them yields the normalised values.
    let ok = |r: Result<String, ErrorCode>| r.unwrap_or_default();
    Ok(ValidEnrollment {
        national_id: ok(national_id::validate_national_id(&input.national_id)),
        carrier: input.carrier.trim().to_string(),
        mobile: ok(mobile::validate_mobile(&input.mobile)),
        nhi_card: ok(nhi::validate_nhi_card(&input.nhi_card)),
        birth_date: roc_date::validate_birth_date(&input.birth_date, today)
            .map_err(|c| vec![(Field::BirthDate, c)])?,
        name: ok(name::validate_name(&input.name)),
        captcha: input.captcha.trim().to_string(),
    })
}

/// The carrier must be one the backend offers.
pub fn validate_carrier(id: &str, carriers: &[Carrier]) -> Result<String, ErrorCode> {
    let id = id.trim();
    if id.is_empty() {
        return Err(ErrorCode::CarrierRequired);
    }
    carriers
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.id.clone())
        .ok_or(ErrorCode::CarrierUnknown)
}

impl ValidEnrollment {
    /// The `POST /applications` body of this form: the normalised values, the password as
    /// typed, the captcha they answer, and the device with its new key. Only a tablet says
    /// whether it has a SIM (its answer decides its path).
    pub fn request(
        self,
        input: &EnrollmentInput,
        captcha_id: String,
        device: DeviceKind,
        device_key: DevicePublicKey,
    ) -> ApplicationRequest {
        ApplicationRequest {
            national_id: self.national_id,
            carrier: self.carrier,
            mobile: self.mobile,
            nhi_card: self.nhi_card,
            birth_date: self.birth_date.compact(),
            name: self.name,
            confirm: true,
            captcha_id,
            captcha: self.captcha,
            password: input.password.clone(),
            device: DeviceInfo {
                kind: device,
                has_sim: (device == DeviceKind::Tablet)
                    .then_some(input.has_sim)
                    .flatten(),
            },
            device_key,
        }
    }
}

impl From<&ApplicationRequest> for EnrollmentInput {
    fn from(r: &ApplicationRequest) -> Self {
        EnrollmentInput {
            national_id: r.national_id.clone(),
            carrier: r.carrier.clone(),
            mobile: r.mobile.clone(),
            nhi_card: r.nhi_card.clone(),
            birth_date: r.birth_date.clone(),
            name: r.name.clone(),
            confirm: r.confirm,
            has_sim: r.device.has_sim,
            captcha: r.captcha.clone(),
            password: r.password.clone(),
            password_confirm: None,
        }
    }
}

/// The four fields of step 7 (身分證號、出生日期、姓名、憑證密碼).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoginInput {
    pub national_id: String,
    pub birth_date: String,
    pub name: String,
    pub password: String,
}

pub const LOGIN_FIELDS: [Field; 4] = [
    Field::NationalId,
    Field::BirthDate,
    Field::Name,
    Field::Password,
];

#[derive(Debug, Clone, PartialEq)]
pub struct ValidLogin {
    pub national_id: String,
    pub birth_date: RocDate,
    pub name: String,
}

/// Checks one login field.
pub fn check_login_field(field: Field, input: &LoginInput, today: AdDate) -> Option<ErrorCode> {
    match field {
        Field::NationalId => national_id::validate_national_id(&input.national_id).err(),
        Field::BirthDate => roc_date::validate_birth_date(&input.birth_date, today).err(),
        Field::Name => name::validate_name(&input.name).err(),
        // Only presence: telling a returning user the creation rules would hint at the password.
        Field::Password => input
            .password
            .is_empty()
            .then_some(ErrorCode::PasswordRequired),
        _ => None,
    }
}

/// Validates the four-field login.
pub fn validate_login(input: &LoginInput, today: AdDate) -> Result<ValidLogin, FieldErrors> {
    let errors: FieldErrors = LOGIN_FIELDS
        .iter()
        .filter_map(|&f| check_login_field(f, input, today).map(|c| (f, c)))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let id = national_id::validate_national_id(&input.national_id)
        .map_err(|c| vec![(Field::NationalId, c)])?;
    let birth = roc_date::validate_birth_date(&input.birth_date, today)
        .map_err(|c| vec![(Field::BirthDate, c)])?;
    let name = name::validate_name(&input.name).map_err(|c| vec![(Field::Name, c)])?;
    Ok(ValidLogin {
        national_id: id,
        birth_date: birth,
        name,
    })
}

impl From<&LoginRequest> for LoginInput {
    fn from(r: &LoginRequest) -> Self {
        LoginInput {
            national_id: r.national_id.clone(),
            birth_date: r.birth_date.clone(),
            name: r.name.clone(),
            password: r.password.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn carriers() -> Vec<Carrier> {
        vec![Carrier {
            id: "cht".into(),
            name_zh: "中華電信".into(),
            name_en: "Chunghwa Telecom".into(),
        }]
    }
    const TODAY: AdDate = AdDate {
        year: 2026,
        month: 11,
        day: 24,
    };

    fn good() -> EnrollmentInput {
        EnrollmentInput {
            national_id: "A123456789".into(),
            carrier: "cht".into(),
            mobile: "0912-345-678".into(),
            nhi_card: "000012345678".into(),
            birth_date: "0800101".into(),
            name: "王小明".into(),
            confirm: true,
            has_sim: None,
            captcha: "6FPC".into(),
            password: "abc123".into(),
            password_confirm: Some("abc123".into()),
        }
    }

    #[test]
    fn a_valid_form_is_the_request_the_backend_reads_back() {
        let mut input = good();
        input.has_sim = Some(true);
        let key = DevicePublicKey {
            kty: "EC".into(),
            crv: "P-256".into(),
            x: "x".into(),
            y: "y".into(),
            key_id: "k".into(),
        };
        let valid = validate_enrollment(&input, &carriers(), DeviceKind::Tablet, TODAY).unwrap();
        let req = valid.request(&input, "c1".into(), DeviceKind::Tablet, key.clone());
        assert_eq!(req.captcha_id, "c1");
        assert_eq!(req.device_key, key);
        assert_eq!(req.mobile, "0912345678");
        let back = EnrollmentInput::from(&req);
        assert_eq!(
            back,
            EnrollmentInput {
                mobile: "0912345678".into(),
                password_confirm: None,
                ..input.clone()
            }
        );
        // Only a tablet says whether it has a SIM.
        let valid = validate_enrollment(&input, &carriers(), DeviceKind::Desktop, TODAY).unwrap();
        let req = valid.request(&input, "c1".into(), DeviceKind::Desktop, key);
        assert_eq!(req.device.has_sim, None);
    }

    #[test]
    fn a_good_form_passes_and_is_normalised() {
        let v = validate_enrollment(&good(), &carriers(), DeviceKind::Desktop, TODAY).unwrap();
        assert_eq!(v.mobile, "0912345678");
        assert_eq!(v.birth_date.compact(), "0800101");
    }

    #[test]
    fn every_failing_field_is_reported_in_screen_order() {
        let input = EnrollmentInput {
            password_confirm: Some(String::new()),
            ..Default::default()
        };
        let errs = validate_enrollment(&input, &carriers(), DeviceKind::Tablet, TODAY).unwrap_err();
        let fields: Vec<Field> = errs.iter().map(|e| e.0).collect();
        assert_eq!(
            fields,
            vec![
                Field::NationalId,
                Field::Carrier,
                Field::Mobile,
                Field::NhiCard,
                Field::BirthDate,
                Field::Name,
                Field::Confirm,
                Field::HasSim,
                Field::Captcha,
                Field::Password,
                Field::PasswordConfirm,
            ]
        );
        assert_eq!(errs[0].1, ErrorCode::IdRequired);
    }

    #[test]
    fn sim_question_only_on_tablets_and_confirmation_only_when_present() {
        let mut input = good();
        input.password_confirm = None;
        assert!(validate_enrollment(&input, &carriers(), DeviceKind::Phone, TODAY).is_ok());
        let errs = validate_enrollment(&input, &carriers(), DeviceKind::Tablet, TODAY).unwrap_err();
        assert_eq!(errs, vec![(Field::HasSim, ErrorCode::HasSimRequired)]);
        input.password_confirm = Some("abc124".into());
        let errs = validate_enrollment(&input, &carriers(), DeviceKind::Phone, TODAY).unwrap_err();
        assert_eq!(
            errs,
            vec![(Field::PasswordConfirm, ErrorCode::PasswordMismatch)]
        );
    }

    #[test]
    fn unknown_carrier_is_rejected() {
        let mut input = good();
        input.carrier = "evil".into();
        let errs = validate_enrollment(&input, &carriers(), DeviceKind::Phone, TODAY).unwrap_err();
        assert_eq!(errs, vec![(Field::Carrier, ErrorCode::CarrierUnknown)]);
    }

    #[test]
    fn login_checks_four_fields() {
        let errs = validate_login(&LoginInput::default(), TODAY).unwrap_err();
        assert_eq!(errs.len(), 4);
        let ok = LoginInput {
            national_id: "a123456789".into(),
            birth_date: "0800101".into(),
            name: " 王小明 ".into(),
            password: "x".into(),
        };
        let v = validate_login(&ok, TODAY).unwrap();
        assert_eq!(v.national_id, "A123456789");
        assert_eq!(v.name, "王小明");
    }
}
