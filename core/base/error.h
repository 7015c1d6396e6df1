// Errors the core reports to its front ends.
//
// Inside the core, code throws basislab::Error with one readable line that names the thing at
// fault (file, tensor, layer, site, option). The front ends catch it at their boundary: the CLI
// prints it on stderr and exits non-zero, the GUI shows it in a message box. A cancelled job is
// not a failure: it throws Cancelled, which front ends report as "cancelled".
#pragma once

#include <stdexcept>
#include <string>

namespace basislab {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Cancelled : public Error {
public:
    Cancelled() : Error("cancelled") {}
};

}  // namespace basislab
