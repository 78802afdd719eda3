// Dates in other formats, for import mappings. Kept apart from date.cpp because date::parse
// inlines code that GCC 12's optimiser flags as maybe-uninitialized (a false alarm inside
// <chrono>); CMakeLists.txt relaxes that one warning for this file only.
#include "recert/date.hpp"

#include <date/date.h>

#include <sstream>

namespace recert {

bool date_format_supported(std::string_view f) {
    bool fields = false;
    for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] != '%') continue;
        if (i + 1 >= f.size()) return false;
        const char spec = f[++i];
        if (std::string_view("YymdebBhj").find(spec) != std::string_view::npos)
            fields = true;
        else if (spec != '%')
            return false;
    }
    return fields;
}

std::optional<Date> parse_date_with_format(const std::string& text, const std::string& format) {
    if (!date_format_supported(format)) return std::nullopt;
    std::istringstream in(text);
    date::year_month_day ymd{};
    in >> date::parse(format, ymd);
    if (in.fail()) return std::nullopt;
    in >> std::ws;
    if (!in.eof() || !ymd.ok()) return std::nullopt;
    return make_date(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

} // namespace recert
