#include "h5_attributes.h"

#include "../base/error.h"

namespace basislab::h5 {
namespace {

H5::Attribute create(H5::Group& group, const std::string& name, const H5::DataType& type, const H5::DataSpace& space) {
    if (group.attrExists(name)) group.removeAttr(name);
    return group.createAttribute(name, type, space);
}

}  // namespace

void writeString(H5::Group& group, const std::string& name, const std::string& value) {
    H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
    type.setCset(H5T_CSET_UTF8);
    create(group, name, type, H5::DataSpace(H5S_SCALAR)).write(type, value);
}

void writeInt(H5::Group& group, const std::string& name, std::int64_t value) {
    create(group, name, H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR)).write(H5::PredType::NATIVE_INT64, &value);
}

void writeDouble(H5::Group& group, const std::string& name, double value) {
    create(group, name, H5::PredType::IEEE_F64LE, H5::DataSpace(H5S_SCALAR)).write(H5::PredType::NATIVE_DOUBLE, &value);
}

void writeInts(H5::Group& group, const std::string& name, const std::vector<std::int64_t>& values) {
    const hsize_t n = values.size();
    create(group, name, H5::PredType::STD_I64LE, H5::DataSpace(1, &n)).write(H5::PredType::NATIVE_INT64, values.data());
}

AttributeReader::AttributeReader(const H5::Group& group, std::string where, std::vector<std::string>* warnings)
    : group_(group), where_(std::move(where)), warnings_(warnings) {}

void AttributeReader::warn(const std::string& name, const std::string& what) const {
    if (warnings_) warnings_->push_back(where_ + ": attribute '" + name + "' " + what + ", using the default");
}

bool AttributeReader::has(const std::string& name) const {
    return group_.attrExists(name);
}

std::vector<std::string> AttributeReader::names() const {
    std::vector<std::string> out;
    for (int i = 0, n = group_.getNumAttrs(); i < n; ++i) out.push_back(group_.openAttribute(unsigned(i)).getName());
    return out;
}

std::string AttributeReader::string(const std::string& name, const std::string& fallback) const {
    if (!has(name)) return warn(name, "is missing"), fallback;
    const H5::Attribute a = group_.openAttribute(name);
    if (a.getTypeClass() != H5T_STRING) return warn(name, "is not a string"), fallback;
    std::string value;
    a.read(a.getStrType(), value);
    return value;
}

std::int64_t AttributeReader::integer(const std::string& name, std::int64_t fallback) const {
    if (!has(name)) return warn(name, "is missing"), fallback;
    const H5::Attribute a = group_.openAttribute(name);
    if (a.getTypeClass() != H5T_INTEGER || a.getSpace().getSimpleExtentNpoints() != 1)
        return warn(name, "is not an integer"), fallback;
    std::int64_t value = 0;
    a.read(H5::PredType::NATIVE_INT64, &value);
    return value;
}

double AttributeReader::real(const std::string& name, double fallback) const {
    if (!has(name)) return warn(name, "is missing"), fallback;
    const H5::Attribute a = group_.openAttribute(name);
    const H5T_class_t c = a.getTypeClass();
    if ((c != H5T_FLOAT && c != H5T_INTEGER) || a.getSpace().getSimpleExtentNpoints() != 1)
        return warn(name, "is not a number"), fallback;
    double value = 0;
    a.read(H5::PredType::NATIVE_DOUBLE, &value);
    return value;
}

std::vector<std::int64_t> AttributeReader::integers(const std::string& name, std::size_t size,
                                                    const std::vector<std::int64_t>& fallback) const {
    if (!has(name)) return warn(name, "is missing"), fallback;
    const H5::Attribute a = group_.openAttribute(name);
    if (a.getTypeClass() != H5T_INTEGER || std::size_t(a.getSpace().getSimpleExtentNpoints()) != size)
        return warn(name, "is not " + std::to_string(size) + " integers"), fallback;
    std::vector<std::int64_t> values(size);
    a.read(H5::PredType::NATIVE_INT64, values.data());
    return values;
}

namespace {
herr_t copyOne(hid_t from, const char* name, const H5A_info_t*, void* to_ptr) {
    const hid_t to = *static_cast<hid_t*>(to_ptr);
    const hid_t attr = H5Aopen(from, name, H5P_DEFAULT);
    const hid_t type = H5Aget_type(attr);
    const hid_t space = H5Aget_space(attr);
    const hid_t mem = H5Tget_native_type(type, H5T_DIR_DEFAULT);
    std::vector<char> buffer(std::size_t(H5Sget_select_npoints(space)) * H5Tget_size(mem) + 1);
    herr_t rc = H5Aread(attr, mem, buffer.data());
    if (rc >= 0) {
        const hid_t copy = H5Acreate2(to, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
        rc = copy < 0 ? -1 : H5Awrite(copy, mem, buffer.data());
        if (copy >= 0) H5Aclose(copy);
        H5Dvlen_reclaim(mem, space, H5P_DEFAULT, buffer.data());
    }
    H5Tclose(mem);
    H5Sclose(space);
    H5Tclose(type);
    H5Aclose(attr);
    return rc;
}
}  // namespace

void copyAttributes(hid_t from, hid_t to) {
    hsize_t index = 0;
    if (H5Aiterate2(from, H5_INDEX_NAME, H5_ITER_NATIVE, &index, copyOne, &to) < 0)
        throw Error("cannot copy the attributes of an HDF5 object");
}

void copyMembers(const H5::Group& from, H5::Group& to) {
    for (hsize_t i = 0, n = from.getNumObjs(); i < n; ++i) {
        const std::string member = from.getObjnameByIdx(i);
        if (H5Ocopy(from.getId(), member.c_str(), to.getId(), member.c_str(), H5P_DEFAULT, H5P_DEFAULT) < 0)
            throw Error("cannot copy HDF5 object '" + member + "'");
    }
}

}  // namespace basislab::h5
