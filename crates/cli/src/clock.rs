//! The CLI's clock: the system time through the one clock both shells share
//! ([`Now::system`] in `reviewdesk-desk`).

use reviewdesk_desk::Now;

/// `Now` from the system clock (RFC 3339 UTC; today in China Standard Time).
pub fn now() -> Now {
    Now::system()
}
