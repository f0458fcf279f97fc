//! The unified social credit code (统一社会信用代码, GB 32100-2015) that identifies
//! every applicant organisation in China.
//!
//! The code has 18 characters from the alphabet `0-9 A-H J-N P-R T U W-Y`
//! (no I, O, S, V, Z). Characters 3–8 are the administrative division code
//! (digits). The 18th is a check character: with the values `v_i` of the first
//! 17 characters (their index in the alphabet) and the weights `3^(i-1) mod 31`,
//! check = 31 − (Σ v_i·w_i mod 31), and 31 becomes 0.
//!
//! Some early codes were issued with a check character that fails this rule and
//! are still legal. [`CreditCode::parse`] refuses them; a round file (serde) and
//! [`CreditCode::parse_allowing_check`] accept them, so the organizer is warned
//! (with the expected character) instead of being unable to list the applicant.

use serde::{Deserialize, Serialize};
use std::fmt;

const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// A validated unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

/// A code whose only fault is its check character: kept, with the character the
/// first 17 call for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckMismatch {
    /// The 18th character found.
    pub found: char,
    /// The check character the first 17 characters call for.
    pub expected: char,
}

/// Why a string is not a unified social credit code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CreditCodeError {
    /// The code does not have 18 characters.
    #[error("a unified social credit code has 18 characters, this one has {0}")]
    Length(usize),
    /// A character outside the code's alphabet (I, O, S, V, Z and lower case are not used).
    #[error("character {position} ('{found}') is not allowed in a unified social credit code")]
    Character {
        /// 1-based position of the character.
        position: usize,
        /// The character found.
        found: char,
    },
    /// Characters 3–8 must be digits (the administrative division code).
    #[error("characters 3-8 must be the digits of an administrative division code")]
    Division,
    /// The check character does not match the first 17.
    #[error("check character is '{found}' but should be '{expected}'")]
    Check {
        /// The 18th character found.
        found: char,
        /// The check character the first 17 characters call for.
        expected: char,
    },
}

fn value_of(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// The check character for the first 17 characters of a code, or `None` when one of
/// them is outside the alphabet.
pub fn check_character(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (b, w) in bytes.iter().zip(WEIGHTS) {
        sum += value_of(*b)? * w;
    }
    let check = (31 - sum % 31) % 31;
    Some(ALPHABET[check as usize] as char)
}

impl CreditCode {
    /// Parses and validates a code, check character included.
    pub fn parse(s: &str) -> Result<Self, CreditCodeError> {
        match Self::parse_allowing_check(s)? {
            (code, None) => Ok(code),
            (_, Some(m)) => Err(CreditCodeError::Check {
                found: m.found,
                expected: m.expected,
            }),
        }
    }

    /// Parses a code whose length, alphabet and division are right; a wrong check
    /// character is returned beside the code instead of refusing it.
    pub fn parse_allowing_check(s: &str) -> Result<(Self, Option<CheckMismatch>), CreditCodeError> {
        let n = s.chars().count();
        if n != 18 {
            return Err(CreditCodeError::Length(n));
        }
        for (i, c) in s.chars().enumerate() {
            if !c.is_ascii() || value_of(c as u8).is_none() {
                return Err(CreditCodeError::Character {
                    position: i + 1,
                    found: c,
                });
            }
        }
        if !s.as_bytes()[2..8].iter().all(u8::is_ascii_digit) {
            return Err(CreditCodeError::Division);
        }
        let expected = check_character(&s[..17]).expect("alphabet checked above");
        let found = s.as_bytes()[17] as char;
        let mismatch = (found != expected).then_some(CheckMismatch { found, expected });
        Ok((CreditCode(s.to_owned()), mismatch))
    }

    /// The check-character mismatch of a code kept despite it, if any.
    pub fn check_mismatch(&self) -> Option<CheckMismatch> {
        let expected = check_character(&self.0[..17]).expect("alphabet checked at parse");
        let found = self.0.as_bytes()[17] as char;
        (found != expected).then_some(CheckMismatch { found, expected })
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The six-digit administrative division code (characters 3–8).
    pub fn division(&self) -> &str {
        &self.0[2..8]
    }
}

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;
    /// Accepts a wrong check character (see the module doc).
    fn try_from(s: String) -> Result<Self, Self::Error> {
        CreditCode::parse_allowing_check(&s).map(|(code, _)| code)
    }
}

impl From<CreditCode> for String {
    fn from(c: CreditCode) -> String {
        c.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_a_published_code() {
        // A real, publicly listed code (the check digit is what is tested).
        assert!(CreditCode::parse("91350100M000100Y43").is_ok());
    }

    #[test]
    fn rejects_wrong_check_character() {
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(CreditCodeError::Check {
                found: '4',
                expected: '3'
            })
        );
    }

    #[test]
    fn a_round_file_keeps_a_code_with_a_wrong_check_character() {
        let (code, mismatch) = CreditCode::parse_allowing_check("91350100M000100Y44").unwrap();
        assert_eq!(
            mismatch,
            Some(CheckMismatch {
                found: '4',
                expected: '3'
            })
        );
        assert_eq!(code.check_mismatch(), mismatch);
        let back: CreditCode = serde_json::from_str("\"91350100M000100Y44\"").unwrap();
        assert_eq!(back, code);
        assert!(serde_json::from_str::<CreditCode>("\"9135\"").is_err());
    }

    #[test]
    fn rejects_letters_outside_the_alphabet_and_bad_lengths() {
        assert_eq!(
            CreditCode::parse("91350100O000100Y43"),
            Err(CreditCodeError::Character {
                position: 9,
                found: 'O'
            })
        );
        assert_eq!(CreditCode::parse("9135"), Err(CreditCodeError::Length(4)));
        assert_eq!(
            CreditCode::parse("913A0100M000100Y43"),
            Err(CreditCodeError::Division)
        );
    }

    proptest! {
        #[test]
        fn any_17_characters_with_their_check_character_parse(
            head in "[1-9ANY][1-9]", div in "[0-9]{6}", org in "[0-9A-HJ-NPQRTUWXY]{9}"
        ) {
            let first17 = format!("{head}{div}{org}");
            let code = format!("{first17}{}", check_character(&first17).unwrap());
            prop_assert!(CreditCode::parse(&code).is_ok());
        }
    }
}
