// consent.cpp — validates consent and serialises it (nlohmann::json) with the subject as a pseudonym.
#include <nlohmann/json.hpp>

#include "privacy/consent.hpp"
#include "privacy/pseudonym.hpp"

namespace semtrace::privacy {

namespace {

// "2026-11-29T14:00:00Z", optionally with fractional seconds.
bool iso8601_utc(std::string_view s) {
    static constexpr std::string_view shape = "dddd-dd-ddTdd:dd:dd";
    if (s.size() < shape.size() + 1 || s.back() != 'Z') return false;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        bool digit = s[i] >= '0' && s[i] <= '9';
        if (shape[i] == 'd' ? !digit : s[i] != shape[i]) return false;
    }
    std::string_view rest = s.substr(shape.size(), s.size() - shape.size() - 1);
    if (rest.empty()) return true;
    if (rest[0] != '.' || rest.size() < 2) return false;
    for (char c : rest.substr(1))
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

Result<std::string> consent_record(const Consent& c, const Policy& policy, std::string_view key) {
    if (c.subject.empty()) return refusal("consent.subject is empty: say who agreed to be recorded");
    if (!iso8601_utc(c.given_at))
        return refusal("consent.given_at is \"" + std::string(c.given_at) +
                       "\": write when consent was given as ISO 8601 UTC, e.g. 2026-11-29T14:00:00Z");
    if (c.text_version.empty()) return refusal("consent.text_version is empty: name the consent text the person saw");
    if (c.policy_id != policy.id)
        return refusal("consent.policy_id is \"" + std::string(c.policy_id) + "\" but the policy in use is \"" +
                       policy.id + "\": consent covers only the policy it was given to");
    nlohmann::json record = {{"subject", pseudonym(c.subject, key)},
                             {"given_at", c.given_at},
                             {"text_version", c.text_version},
                             {"policy_id", c.policy_id},
                             {"policy_hash", policy.hash}};
    return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace semtrace::privacy
