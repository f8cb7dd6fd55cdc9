// detectors.hpp — finds personal data and secrets in text: built-in detectors plus the policy's RE2 rules.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "privacy/policy.hpp"
#include "semtrace/result.hpp"

namespace semtrace::privacy {

struct Finding {
    std::size_t begin = 0;  // byte offsets into the text
    std::size_t end = 0;
    std::uint16_t detector = 0;  // index for Detectors::name / placeholder
};

// Every pattern runs in RE2 (linear time in the text), so neither a hostile policy rule nor a
// hostile string can stall the pipeline; the built-in ones run only over the spans one linear
// pass picks out (candidates.hpp), the policy's over the whole text. Checksums (Luhn, mod-97)
// and parsers (inet_pton) confirm what the patterns propose. Text typed in full-width forms
// ("４１１１ １１１１ …") or with Arabic-script digits ("٠١٠٠ ١٢٣ ٤٥٦٧") is read as its ASCII
// (ascii_fold.hpp). Thread-compatible: const calls may run concurrently.
class Detectors {
public:
    static Result<Detectors> create(const Policy& policy);
    Detectors(Detectors&&) noexcept;
    Detectors& operator=(Detectors&&) noexcept;
    ~Detectors();

    // Sorted, non-overlapping findings (overlapping ones become one, named by the longer), each
    // over whole characters. `out` is cleared first.
    void find(std::string_view text, std::vector<Finding>& out) const;

    // Writes `text` to `out` with each finding replaced by its placeholder (⟨EMAIL⟩, ⟨CARD⟩, ...).
    // Returns how many were replaced; `scratch` is reused between calls to save allocations.
    std::size_t redact(std::string_view text, std::string& out, std::vector<Finding>& scratch) const;
    // Writes text[from, end) to `out` with each of `found` (sorted, as find gives them) replaced by
    // its placeholder; one that begins before `from` is replaced from there, one that ends there
    // is left out. Returns how many were replaced.
    std::size_t replace(std::string_view text, std::size_t from, const std::vector<Finding>& found, std::string& out) const;

    std::string_view name(const Finding& f) const;         // "email", "card", or a custom rule's name
    std::string_view placeholder(const Finding& f) const;  // "⟨EMAIL⟩"

    struct Table;

private:
    explicit Detectors(std::unique_ptr<Table> table);
    // Append, unsorted. find_builtin finds nothing and returns true in a text that holds a
    // character that folds to ASCII: it is to be read folded.
    bool find_builtin(std::string_view text, std::vector<Finding>& out) const;
    void find_custom(std::string_view text, std::vector<Finding>& out) const;
    std::unique_ptr<Table> table_;
};

// Sorts `found` by where each begins and makes findings that overlap one over both, named by the
// longer: what Detectors::find returns. (The redactor merges findings from parts of a URL so.)
void resolve_overlaps(std::vector<Finding>& found);

// Checksums, exposed for tests.
bool luhn_valid(std::string_view digits) noexcept;
bool card_number_valid(std::string_view digits) noexcept;  // 13-19 digits of a card network, Luhn-checked
bool iban_valid(std::string_view compact) noexcept;  // letters and digits only, no spaces

}  // namespace semtrace::privacy
