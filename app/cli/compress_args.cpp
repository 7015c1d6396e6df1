#include "compress_args.h"

#include "base/error.h"

namespace basislab::cli {

const std::set<std::string>& planOptionNames() {
    static const std::set<std::string> names{"method",        "ratio",  "group-size", "share",  "types",     "alpha",
                                             "asvd-exponent", "solver", "allocation", "update", "calib-text"};
    return names;
}

const std::set<std::string>& planFlagNames() {
    static const std::set<std::string> names{"refit"};
    return names;
}

CompressionPlan planFromArgs(const Args& args, bool require_method_and_ratio) {
    CompressionPlan plan;
    if (require_method_and_ratio || args.has("method")) {
        const std::string m = args.require("method");
        const auto method = parseMethod(m);
        if (!method) throw Error("--method: unknown method '" + m + "' (svd, asvd, fwsvd, svd-llm, basis-sharing)");
        plan.method = *method;
    }
    if (require_method_and_ratio || args.has("ratio")) plan.ratio = args.requireDouble("ratio");
    if (args.has("share")) plan.shared = parseTypeList(args.require("share"), "--share");
    if (args.has("types")) plan.types = parseTypeList(args.require("types"), "--types");
    if (args.has("group-size")) parseGroupSizes(args.require("group-size"), plan);
    if (args.has("alpha")) plan.alpha = AlphaForm::parse(args.require("alpha"));
    plan.asvd_exponent = args.getDouble("asvd-exponent", plan.asvd_exponent);
    if (args.has("allocation")) {
        const auto a = parseAllocation(args.require("allocation"));
        if (!a) throw Error("--allocation: unknown allocation '" + args.require("allocation") + "' (uniform, error)");
        plan.allocation = *a;
    }
    if (args.has("update")) {
        const std::string u = args.require("update");
        const auto kind = parseUpdateKind(u);
        if (!kind) throw Error("--update: unknown update '" + u + "' (none, refit, deviated, compensate)");
        if (args.flag("refit") && *kind != UpdateKind::refit)
            throw Error("--refit means --update refit; it cannot go with --update " + u);
        plan.setUpdate(*kind);
    } else {
        plan.refit = args.flag("refit");
    }
    if (plan.method != Method::basis_sharing && (args.has("group-size") || args.has("share") || args.has("alpha")))
        throw Error("--group-size, --share and --alpha apply to --method basis-sharing only");
    plan.validate();
    return plan;
}

CompressOptions compressOptionsFromArgs(const Args& args) {
    CompressOptions o;
    if (args.has("solver")) {
        const auto s = parseSvdSolver(args.require("solver"));
        if (!s) throw Error("--solver: unknown solver '" + args.require("solver") + "' (auto, direct, gram)");
        o.solver = *s;
    }
    if (args.has("calib-text")) o.calibration_text = args.require("calib-text");
    return o;
}

}  // namespace basislab::cli
