// Small helpers over the HDF5 C++ API for attribute-only records (the session file). Core-internal:
// this header includes H5Cpp.h, so only core translation units include it. Callers hold the HDF5
// lock (base/hdf5_lock.h) around every use, as session_file.cpp's guarded() does.
#pragma once

#include <H5Cpp.h>

#include <cstdint>
#include <string>
#include <vector>

namespace basislab::h5 {

void writeString(H5::Group& group, const std::string& name, const std::string& value);
void writeInt(H5::Group& group, const std::string& name, std::int64_t value);
void writeDouble(H5::Group& group, const std::string& name, double value);
void writeInts(H5::Group& group, const std::string& name, const std::vector<std::int64_t>& values);

/// Reads attributes of one group; a missing or ill-typed attribute gives the fallback and a
/// warning line naming `where` and the attribute.
class AttributeReader {
public:
    AttributeReader(const H5::Group& group, std::string where, std::vector<std::string>* warnings);
    std::string string(const std::string& name, const std::string& fallback = {}) const;
    std::int64_t integer(const std::string& name, std::int64_t fallback) const;
    double real(const std::string& name, double fallback) const;
    /// Exactly `size` integers, or the fallback.
    std::vector<std::int64_t> integers(const std::string& name, std::size_t size,
                                       const std::vector<std::int64_t>& fallback) const;
    bool has(const std::string& name) const;
    std::vector<std::string> names() const;

private:
    void warn(const std::string& name, const std::string& what) const;
    const H5::Group& group_;
    std::string where_;
    std::vector<std::string>* warnings_;
};

/// Copies every attribute of object `from` onto object `to` (any types, variable-length strings too).
void copyAttributes(hid_t from, hid_t to);
/// Copies every member of group `from` into group `to` under the same names (H5Ocopy).
void copyMembers(const H5::Group& from, H5::Group& to);

}  // namespace basislab::h5
