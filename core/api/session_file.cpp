#include "session_file.h"

#include "../base/atomic_file.h"
#include "../base/error.h"
#include "../base/hdf5_lock.h"
#include "../base/isolated_read.h"
#include "../base/sha256.h"
#include "h5_attributes.h"

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <functional>
#include <optional>

namespace basislab::api {
namespace {

constexpr const char* kFormat = "basislab-session";

std::string utcNow() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

const char* sourceName(CalibrationSource s) {
    switch (s) {
        case CalibrationSource::Link: return "link";
        case CalibrationSource::Embedded: return "embedded";
        case CalibrationSource::None: break;
    }
    return "none";
}

void writePlan(H5::Group& g, const CompressionPlan& plan) {
    h5::writeString(g, "method", name(plan.method));
    h5::writeDouble(g, "ratio", plan.ratio);
    h5::writeString(g, "types", typeListText(plan.types));
    h5::writeString(g, "shared", typeListText(plan.shared));
    h5::writeInts(g, "group_size", std::vector<std::int64_t>(plan.group_size.begin(), plan.group_size.end()));
    h5::writeString(g, "alpha", plan.alpha.text());
    h5::writeInt(g, "refit", plan.refit ? 1 : 0);
    h5::writeString(g, "update", name(plan.updateKind()));  // version 3
    h5::writeDouble(g, "asvd_exponent", plan.asvd_exponent);
    h5::writeString(g, "allocation", name(plan.allocation));  // version 3
}

/// Reads a plan; a value the core does not accept keeps the default and becomes a warning.
CompressionPlan readPlan(const h5::AttributeReader& r, const std::string& where, std::vector<std::string>* warnings) {
    CompressionPlan plan;
    const auto attempt = [&](const char* what, const std::function<void()>& parse) {
        try {
            parse();
        } catch (const Error& e) {
            if (warnings) warnings->push_back(where + ": " + what + ": " + e.what() + ", using the default");
        }
    };
    const std::string method = r.string("method", name(plan.method));
    if (const auto m = parseMethod(method))
        plan.method = *m;
    else if (warnings)
        warnings->push_back(where + ": unknown method '" + method + "', using the default");
    plan.ratio = r.real("ratio", plan.ratio);
    attempt("types", [&] { plan.types = parseTypeList(r.string("types", typeListText(plan.types)), "types"); });
    attempt("shared", [&] { plan.shared = parseTypeList(r.string("shared", typeListText(plan.shared)), "shared"); });
    const std::vector<std::int64_t> defaults(plan.group_size.begin(), plan.group_size.end());
    const auto groups = r.integers("group_size", plan.group_size.size(), defaults);
    for (std::size_t i = 0; i < plan.group_size.size(); ++i)
        plan.group_size[i] = int(std::max<std::int64_t>(1, groups[i]));
    attempt("alpha", [&] { plan.alpha = AlphaForm::parse(r.string("alpha", plan.alpha.text()), "alpha"); });
    plan.refit = r.integer("refit", 0) != 0;
    if (r.has("update")) {  // version 3; version 2 has refit only (none or refit, as it was)
        const std::string update = r.string("update");
        if (const auto u = parseUpdateKind(update))
            plan.setUpdate(*u);
        else if (warnings)
            warnings->push_back(where + ": unknown update '" + update + "', using " + name(plan.updateKind()));
    }
    plan.asvd_exponent = r.real("asvd_exponent", plan.asvd_exponent);
    if (r.has("allocation")) {  // version 3; older sessions allocated uniformly
        const std::string allocation = r.string("allocation");
        if (const auto a = parseAllocation(allocation))
            plan.allocation = *a;
        else if (warnings)
            warnings->push_back(where + ": unknown allocation '" + allocation + "', using uniform");
    }
    return plan;
}

std::string runName(std::size_t i) {
    std::string name = std::to_string(i);
    return std::string(name.size() < 4 ? 4 - name.size() : 0, '0') + name;
}

PerplexityProtocol readProtocol(const h5::AttributeReader& r, const std::string& where,
                                std::vector<std::string>* warnings) {
    const std::string text = r.string("protocol", "basislab");
    if (const auto p = parsePerplexityProtocol(text)) return *p;
    if (warnings) warnings->push_back(where + ": unknown perplexity protocol '" + text + "', using basislab");
    return PerplexityProtocol::basislab;
}

std::vector<ZeroShotTaskResult> readZeroShot(const H5::Group& run, const std::string& where,
                                             std::vector<std::string>* warnings) {
    std::vector<ZeroShotTaskResult> out;
    if (!run.nameExists("zeroshot")) {
        if (warnings) warnings->push_back(where + "/zeroshot is missing");
        return out;
    }
    const H5::Group g = run.openGroup("zeroshot");
    const std::int64_t count = h5::AttributeReader(g, where + "/zeroshot", warnings).integer("count", 0);
    for (std::int64_t i = 0; i < count; ++i) {
        const std::string name = runName(std::size_t(i)), at = where + "/zeroshot/" + name;
        if (!g.nameExists(name)) {
            if (warnings) warnings->push_back(at + " is missing");
            continue;
        }
        const H5::Group task = g.openGroup(name);
        const h5::AttributeReader r(task, at, warnings);
        ZeroShotTaskResult t;
        t.task = r.string("task");
        t.path = r.string("path");
        t.documents = r.integer("documents", 0);
        t.acc = r.real("acc", NAN);
        t.acc_stderr = r.real("acc_stderr", NAN);
        t.acc_norm = r.real("acc_norm", NAN);
        t.acc_norm_stderr = r.real("acc_norm_stderr", NAN);
        out.push_back(std::move(t));
    }
    return out;
}

void writeRun(H5::Group& g, const RunRecord& run) {
    writePlan(g, run.plan);
    h5::writeInt(g, "compressed", run.compressed ? 1 : 0);
    h5::writeDouble(g, "achieved_ratio", run.achieved_ratio);
    h5::writeInt(g, "params", run.params);
    h5::writeDouble(g, "ppl", run.ppl);
    h5::writeDouble(g, "error", run.error);
    h5::writeDouble(g, "seconds", run.seconds);
    h5::writeString(g, "text_path", run.text_path);
    h5::writeInt(g, "window", run.window);
    h5::writeInt(g, "windows", run.windows);
    h5::writeString(g, "device", run.device);
    h5::writeString(g, "dtype", run.dtype);
    h5::writeString(g, "finished_at", run.finished_at);
    h5::writeString(g, "protocol", name(run.protocol));
    H5::Group zeroshot = g.createGroup("zeroshot");
    h5::writeInt(zeroshot, "count", std::int64_t(run.zeroshot.size()));
    for (std::size_t i = 0; i < run.zeroshot.size(); ++i) {
        const ZeroShotTaskResult& t = run.zeroshot[i];
        H5::Group task = zeroshot.createGroup(runName(i));
        h5::writeString(task, "task", t.task);
        h5::writeString(task, "path", t.path);
        h5::writeInt(task, "documents", t.documents);
        h5::writeDouble(task, "acc", t.acc);
        h5::writeDouble(task, "acc_stderr", t.acc_stderr);
        h5::writeDouble(task, "acc_norm", t.acc_norm);
        h5::writeDouble(task, "acc_norm_stderr", t.acc_norm_stderr);
    }
}

RunRecord readRun(const h5::AttributeReader& r, const std::string& where, std::vector<std::string>* warnings) {
    RunRecord run;
    run.plan = readPlan(r, where, warnings);
    run.compressed = r.integer("compressed", 1) != 0;
    run.achieved_ratio = r.real("achieved_ratio", 0);
    run.params = r.integer("params", 0);
    run.ppl = r.real("ppl", 0);
    run.error = r.real("error", NAN);
    run.seconds = r.real("seconds", 0);
    run.text_path = r.string("text_path");
    run.window = int(r.integer("window", 0));
    run.windows = r.integer("windows", 0);
    run.device = r.string("device");
    run.dtype = r.string("dtype");
    run.finished_at = r.string("finished_at");
    return run;
}

void writeContent(H5::H5File& file, const SessionData& data) {
    H5::Group root = file.openGroup("/");
    h5::writeString(root, "format", kFormat);
    h5::writeInt(root, "format_version", kSessionFormatVersion);
    h5::writeString(root, "writer", "BasisLab " BASISLAB_VERSION);
    h5::writeString(root, "saved_at", utcNow());

    H5::Group model = file.createGroup("model");
    h5::writeString(model, "path", data.model_dir);
    h5::writeString(model, "device", data.compute.device);
    h5::writeString(model, "dtype", data.compute.dtype);
    h5::writeInt(model, "threads", data.compute.threads);

    H5::Group calib = file.createGroup("calibration");
    h5::writeString(calib, "source", sourceName(data.calibration_source));
    h5::writeString(calib, "path", data.calibration_path);
    h5::writeString(calib, "identity", data.calibration_identity);
    h5::writeString(calib, "text_path", data.calibration_request.text_path);
    h5::writeInt(calib, "windows", data.calibration_request.windows);
    h5::writeInt(calib, "seq_len", data.calibration_request.seq_len);
    h5::writeInt(calib, "seed", data.calibration_request.seed ? std::int64_t(*data.calibration_request.seed) : -1);
    h5::writeInt(calib, "fisher", data.calibration_request.fisher ? 1 : 0);
    if (data.calibration_source == CalibrationSource::Embedded) {
        H5::H5File source(data.calibration_path, H5F_ACC_RDONLY);
        H5::Group from = source.openGroup("/");
        H5::Group store = calib.createGroup("store");
        h5::copyMembers(from, store);
        h5::copyAttributes(from.getId(), store.getId());
    }

    H5::Group plan = file.createGroup("plan");
    writePlan(plan, data.plan);

    H5::Group eval = file.createGroup("evaluation");
    h5::writeString(eval, "text_path", data.evaluation.text_path);
    h5::writeInt(eval, "window", data.evaluation.window);
    h5::writeInt(eval, "max_windows", data.evaluation.max_windows);
    h5::writeString(eval, "protocol", name(data.evaluation.protocol));
    std::string tasks;
    for (const std::string& t : data.evaluation.zeroshot_tasks) tasks += (tasks.empty() ? "" : "\n") + t;
    h5::writeString(eval, "zeroshot_tasks", tasks);

    H5::Group runs = file.createGroup("runs");
    h5::writeInt(runs, "count", std::int64_t(data.runs.size()));
    for (std::size_t i = 0; i < data.runs.size(); ++i) {
        H5::Group g = runs.createGroup(runName(i));
        writeRun(g, data.runs[i]);
    }

    H5::Group view = file.createGroup("view");
    for (const auto& [key, value] : data.view) h5::writeString(view, key, value);
}

SessionData readContent(H5::H5File& file, std::vector<std::string>* warnings) {
    H5::Group root = file.openGroup("/");
    const h5::AttributeReader top(root, "/", nullptr);
    if (!top.has("format") || top.string("format") != kFormat) throw Error("it is not a BasisLab session file");
    const std::int64_t version = top.integer("format_version", 0);
    if (version > kSessionFormatVersion)
        throw Error("it was written by a newer BasisLab (session format " + std::to_string(version) +
                    ", this one reads " + std::to_string(kSessionFormatVersion) + ")");

    SessionData data;
    const auto group = [&](const char* name) -> std::optional<H5::Group> {
        if (file.nameExists(name)) return file.openGroup(name);
        if (warnings) warnings->push_back(std::string("/") + name + " is missing");
        return std::nullopt;
    };
    if (auto g = group("model")) {
        const h5::AttributeReader r(*g, "/model", warnings);
        data.model_dir = r.string("path");
        data.compute.device = r.string("device", data.compute.device);
        data.compute.dtype = r.string("dtype", data.compute.dtype);
        data.compute.threads = int(r.integer("threads", 0));
    }
    if (auto g = group("calibration")) {
        const h5::AttributeReader r(*g, "/calibration", warnings);
        const std::string source = r.string("source", "none");
        data.calibration_source = source == "link"       ? CalibrationSource::Link
                                  : source == "embedded" ? CalibrationSource::Embedded
                                                         : CalibrationSource::None;
        data.calibration_path = r.string("path");
        data.calibration_identity = r.string("identity");
        data.calibration_request.text_path = r.string("text_path");
        data.calibration_request.windows = int(r.integer("windows", data.calibration_request.windows));
        data.calibration_request.seq_len = int(r.integer("seq_len", data.calibration_request.seq_len));
        const std::int64_t seed = r.integer("seed", -1);
        if (seed >= 0) data.calibration_request.seed = std::uint64_t(seed);
        data.calibration_request.fisher = r.integer("fisher", 0) != 0;
    }
    if (auto g = group("plan")) data.plan = readPlan(h5::AttributeReader(*g, "/plan", warnings), "/plan", warnings);
    if (auto g = group("evaluation")) {
        const h5::AttributeReader r(*g, "/evaluation", warnings);
        data.evaluation.text_path = r.string("text_path");
        data.evaluation.window = int(r.integer("window", data.evaluation.window));
        data.evaluation.max_windows = r.integer("max_windows", -1);
        if (version >= 2) {
            data.evaluation.protocol = readProtocol(r, "/evaluation", warnings);
            const std::string tasks = r.string("zeroshot_tasks");
            for (std::size_t begin = 0; begin < tasks.size();) {
                const std::size_t end = std::min(tasks.find('\n', begin), tasks.size());
                if (end > begin) data.evaluation.zeroshot_tasks.push_back(tasks.substr(begin, end - begin));
                begin = end + 1;
            }
        }
    }
    if (auto g = group("runs")) {
        const std::int64_t count = h5::AttributeReader(*g, "/runs", warnings).integer("count", 0);
        for (std::int64_t i = 0; i < count; ++i) {
            const std::string name = runName(std::size_t(i));
            if (!g->nameExists(name)) {
                if (warnings) warnings->push_back("/runs/" + name + " is missing");
                continue;
            }
            const H5::Group run = g->openGroup(name);
            const h5::AttributeReader r(run, "/runs/" + name, warnings);
            data.runs.push_back(readRun(r, "/runs/" + name, warnings));
            if (version >= 2) {  // version 1: the basislab protocol, no zero-shot scores
                data.runs.back().protocol = readProtocol(r, "/runs/" + name, warnings);
                data.runs.back().zeroshot = readZeroShot(run, "/runs/" + name, warnings);
            }
        }
    }
    if (file.nameExists("view")) {
        const H5::Group g = file.openGroup("view");
        const h5::AttributeReader r(g, "/view", warnings);
        for (const std::string& key : r.names()) data.view[key] = r.string(key);
    }
    return data;
}

}  // namespace

std::string calibrationIdentity(const CalibrationSummary& summary) {
    const CalibrationSettings& s = summary.settings;
    std::string key = "basislab-calibration-identity-1";
    for (const std::string& part :
         {summary.model.config_sha256, summary.model.weights_fingerprint, s.text_sha256, std::to_string(s.windows),
          std::to_string(s.seq_len), s.shuffle_seed ? std::to_string(*s.shuffle_seed) : std::string("in-order"),
          std::string(s.fisher ? "fisher" : "no-fisher"), std::to_string(summary.tokens)})
        key += '\n' + part;
    return sha256Hex(key);
}

namespace {
/// Runs HDF5 work under the HDF5 lock, turning its exceptions (and the core's) into one Error that
/// starts with `what`.
template <class Work>
auto guarded(const std::string& what, Work&& work) {
    hdf5::Lock lock;
    try {
        return work();
    } catch (const H5::Exception& e) {
        throw Error(what + ": " + hdf5::cause(e));
    } catch (const Error& e) {
        throw Error(what + ": " + e.what());
    }
}
}  // namespace

CalibrationSource sessionCalibrationSource(const SessionData& data, std::uint64_t embed_limit_bytes) {
    if (data.calibration_source != CalibrationSource::Embedded) return data.calibration_source;
    std::error_code ec;
    const auto bytes = std::filesystem::file_size(data.calibration_path, ec);
    if (ec) throw Error("cannot embed the calibration '" + data.calibration_path + "': " + ec.message());
    return std::uint64_t(bytes) > embed_limit_bytes ? CalibrationSource::Link : CalibrationSource::Embedded;
}

CalibrationSource writeSession(const std::string& path, const SessionData& data, std::uint64_t embed_limit_bytes) {
    const CalibrationSource source = sessionCalibrationSource(data, embed_limit_bytes);
    AtomicFile out(path);
    guarded("cannot write session '" + path + "'", [&] {
        H5::H5File file(out.tempPath(), H5F_ACC_TRUNC);
        if (source == data.calibration_source) {
            writeContent(file, data);
        } else {
            SessionData linked = data;  // a store above the limit is linked, never embedded
            linked.calibration_source = source;
            writeContent(file, linked);
        }
        file.close();
    });
    out.commit();
    return source;
}

SessionData readSession(const std::string& path, std::vector<std::string>* warnings) {
    if (!std::filesystem::is_regular_file(path)) throw Error("session file '" + path + "' does not exist");
    // Read once by the helper process first (base/isolated_read.h): a session that crashes HDF5 or
    // makes it loop becomes an Error naming the file.
    runIsolated(
        path, {"session", path}, [] {}, isolatedReadLimitSeconds());
    return guarded("cannot read session '" + path + "'", [&] {
        if (!H5::H5File::isHdf5(path)) throw Error("it is not an HDF5 file");
        H5::H5File file(path, H5F_ACC_RDONLY);
        return readContent(file, warnings);
    });
}

void extractEmbeddedCalibrationTo(const std::string& session_path, const std::string& out_path) {
    guarded("cannot extract the calibration of session '" + session_path + "'", [&] {
        H5::H5File session(session_path, H5F_ACC_RDONLY);
        if (!session.nameExists("calibration") || !session.openGroup("calibration").nameExists("store"))
            throw Error("it embeds no calibration");
        const H5::Group store = session.openGroup("calibration/store");
        H5::H5File file(out_path, H5F_ACC_TRUNC);
        H5::Group root = file.openGroup("/");
        h5::copyMembers(store, root);
        h5::copyAttributes(store.getId(), root.getId());
        file.close();
    });
}

void extractEmbeddedCalibration(const std::string& session_path, const std::string& target_path) {
    AtomicFile out(target_path);
    // By the helper process (base/isolated_read.h): a session whose embedded store crashes HDF5's
    // copy becomes an Error. The helper writes the temporary file; this process commits it.
    std::error_code size_error;
    const std::uintmax_t bytes = std::filesystem::file_size(session_path, size_error);
    const int limit =
        isolatedReadLimitSeconds() + (size_error ? 0 : int(std::min<std::uintmax_t>(bytes / (20u << 20), 86400)));
    const std::string temp = out.tempPath();
    runIsolated(
        session_path, {"extract", session_path, temp}, [&] { extractEmbeddedCalibrationTo(session_path, temp); }, limit,
        /*remember=*/false);
    out.commit();
}

}  // namespace basislab::api
