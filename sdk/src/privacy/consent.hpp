// consent.hpp — checks a consent record against the policy and writes it as the header's JSON line.
#pragma once

#include <string>
#include <string_view>

#include "privacy/policy.hpp"
#include "semtrace/result.hpp"
#include "semtrace/semtrace.hpp"

namespace semtrace::privacy {

// The consent record for the session header: {"subject": pseudonym, "given_at", "text_version",
// "policy_id", "policy_hash"}. Fails, naming the field, when any is missing or malformed, or
// when the consent was given to another policy than the one in use.
Result<std::string> consent_record(const Consent& consent, const Policy& policy, std::string_view key);

}  // namespace semtrace::privacy
