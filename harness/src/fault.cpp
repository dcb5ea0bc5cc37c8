#include "acsconf/harness/fault.hpp"

#include <utility>

namespace acsconf::harness {

namespace {

// The one list of faults and their vector-file names.
const std::vector<std::pair<Fault, std::string_view>>& fault_table() {
    static const std::vector<std::pair<Fault, std::string_view>> table = {
        {Fault::SignatureTampered, "signature.tampered"},
        {Fault::SignatureMissing, "signature.missing"},
        {Fault::SignatureMethodUnsupported, "signatureMethod.unsupported"},
        {Fault::AccessKeyIdUnknown, "accessKeyId.unknown"},
        {Fault::NonceReplayed, "nonce.replayed"},
        {Fault::NonceMissing, "nonce.missing"},
        {Fault::TimestampExpired, "timestamp.expired"},
        {Fault::TimestampFuture, "timestamp.future"},
        {Fault::TimestampMalformed, "timestamp.malformed"},
        {Fault::TimestampMissing, "timestamp.missing"},
        {Fault::ContentSha256Mismatch, "contentSha256.mismatch"},
        {Fault::SignedHeaderChanged, "signedHeader.changed"},
        {Fault::SignedHeadersIncomplete, "signedHeaders.incomplete"},
    };
    return table;
}

}  // namespace

std::string_view fault_name(Fault fault) {
    for (const auto& [f, name] : fault_table())
        if (f == fault) return name;
    return {};
}

bool parse_fault(std::string_view text, Fault& out) {
    for (const auto& [f, name] : fault_table())
        if (name == text) {
            out = f;
            return true;
        }
    return false;
}

const std::vector<Fault>& all_faults() {
    static const std::vector<Fault> faults = [] {
        std::vector<Fault> out;
        for (const auto& entry : fault_table()) out.push_back(entry.first);
        return out;
    }();
    return faults;
}

}  // namespace acsconf::harness
