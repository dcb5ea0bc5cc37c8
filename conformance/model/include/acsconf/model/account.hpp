// The in-memory account and the operations on it: the oracle every other layer trusts.
// Pure code: no I/O, no clock, no randomness (ids are derived from counters).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "acsconf/model/call.hpp"

namespace acsconf::model {

struct ModelOptions {
    // Id of one entry of deviation_catalogue() to break on purpose, or empty for the faithful model.
    std::string deviation;
};

// Global state that is not made through a public operation. Endpoints that cannot set one make
// the vector `skip`.
inline constexpr std::string_view kPreconditionVodMultiApp = "vod.multiAppService";  // "open" | "closed"

class Account {
public:
    explicit Account(ModelOptions options = {});
    ~Account();
    Account(Account&&) noexcept;
    Account& operator=(Account&&) noexcept;

    // Runs one call of any supported action of either product. Unknown actions give the gateway's
    // InvalidAction.NotFound (404). Never throws for any input.
    Outcome handle(const Call& call);

    // Sets a precondition; returns false for an unknown name or value.
    bool set_precondition(std::string_view name, std::string_view value);
    std::string precondition(std::string_view name) const;  // "" when unknown

    // Actions this model implements for a product (the two under test plus the fixture operations).
    static const std::vector<std::string>& supported_actions(Product product);

    // Whether `id` names an entry of deviation_catalogue(). An Account given an unknown id behaves
    // faithfully; callers that take ids from users check with this first.
    static bool known_deviation(std::string_view id);

private:
    struct State;
    std::unique_ptr<State> state_;
    ModelOptions options_;
};

}  // namespace acsconf::model
