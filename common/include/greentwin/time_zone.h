// Fixed-offset time zones: the site's local time without a tz database. Chinese plants keep one
// zone without daylight saving (Asia/Shanghai, UTC+8 since 1991), so a short table of zones
// that never change their offset is enough; a zone outside it is refused rather than guessed,
// because day, month and year totals are cut at the site's local midnight.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gt {

// Minutes east of UTC of `timezone` (an IANA name, "Asia/Shanghai" -> 480), or nullopt for a
// zone not in the table (one with daylight saving, or simply not listed).
std::optional<int> fixedUtcOffsetMinutes(std::string_view timezone);

// The zones fixedUtcOffsetMinutes() knows, comma-separated, for error messages.
std::string knownFixedZones();

}  // namespace gt
