// The description table of basislab-cli's options: the value's name, a help line and the expected
// form that parse errors quote. Options without an entry still work, with generic help.
#pragma once

#include <string>

namespace basislab::cli {

struct OptionHelp {
    std::string value;  // "DIR", "R", ... (empty for flags)
    std::string help;  // one line for --help
    std::string expects;  // "a number in [0, 1)": quoted by errors about malformed values (may be empty)
};

/// The entry for option `name` (without dashes) of `command`: a command-specific entry when there is
/// one (e.g. calibrate's --out is a file, compress's a folder), else the shared one, else generic.
OptionHelp optionHelp(const std::string& command, const std::string& name);

}  // namespace basislab::cli
