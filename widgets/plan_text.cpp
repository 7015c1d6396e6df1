#include "plan_text.h"

#include <QCoreApplication>
#include <QMap>
#include <QStringList>

namespace basislab::gui {
namespace {
struct PlanText {
    Q_DECLARE_TR_FUNCTIONS(PlanText)
};

struct FormText {
    const char* id;
    const char* label;
    const char* explanation;
};

// The alpha forms of compress/plan.h, in its order.
const FormText kForms[] = {
    {"none", QT_TRANSLATE_NOOP("PlanText", "Plain sum"),
     QT_TRANSLATE_NOOP("PlanText", "Sum the layers' Grams as they are (plain Basis Sharing).")},
    {"inv-trace", QT_TRANSLATE_NOOP("PlanText", "Inverse trace"),
     QT_TRANSLATE_NOOP("PlanText", "Weight each layer by 1/tr(G): every layer's input energy counts equally.")},
    {"inv-fro", QT_TRANSLATE_NOOP("PlanText", "Inverse Frobenius norm"),
     QT_TRANSLATE_NOOP("PlanText", "Weight each layer by 1/||G||_F, the Gram's Frobenius norm.")},
    {"inv-max-eig", QT_TRANSLATE_NOOP("PlanText", "Inverse largest eigenvalue"),
     QT_TRANSLATE_NOOP("PlanText",
                       "Weight each layer by 1/lambda_max(G): its strongest input direction counts equally.")},
    {"inv-sqrt-trace", QT_TRANSLATE_NOOP("PlanText", "Inverse square-root trace"),
     QT_TRANSLATE_NOOP("PlanText",
                       "Weight each layer by 1/sqrt(tr G), halfway between the plain sum and the inverse trace.")},
    {"power:p", QT_TRANSLATE_NOOP("PlanText", "Trace power"),
     QT_TRANSLATE_NOOP("PlanText", "Weight each layer by tr(G)^-p for your p (p = 1 is the inverse trace).")},
    {"inv-output", QT_TRANSLATE_NOOP("PlanText", "Inverse output energy"),
     QT_TRANSLATE_NOOP("PlanText",
                       "Weight each layer by 1/tr(W^T G W), its output energy; q, k and v may get "
                       "different whitenings.")},
    {"normalised", QT_TRANSLATE_NOOP("PlanText", "Scale-normalised"),
     QT_TRANSLATE_NOOP("PlanText",
                       "Divide each layer's input by its RMS scale and fold the scale into W: invariant "
                       "to moving scale between RMSNorm and the weights.")},
};

const FormText* formText(const std::string& id) {
    for (const FormText& f : kForms)
        if (id == f.id) return &f;
    return nullptr;
}
}  // namespace

QString methodLabel(Method method) {
    switch (method) {
        case Method::svd: return QStringLiteral("SVD");
        case Method::asvd: return QStringLiteral("ASVD");
        case Method::fwsvd: return QStringLiteral("FWSVD");
        case Method::svd_llm: return QStringLiteral("SVD-LLM");
        case Method::basis_sharing: return PlanText::tr("Basis Sharing");
    }
    return {};
}

QString methodExplanation(Method method) {
    switch (method) {
        case Method::svd: return PlanText::tr("Truncated SVD of each weight; the calibration is not used.");
        case Method::asvd: return PlanText::tr("ASVD: scales input channels by their mean activation before the SVD.");
        case Method::fwsvd:
            return PlanText::tr("FWSVD: weights the rows by Fisher information (calibrate with Fisher diagonals).");
        case Method::svd_llm: return PlanText::tr("SVD-LLM: whitens each layer with its own calibration Gram.");
        case Method::basis_sharing:
            return PlanText::tr("Basis Sharing: one whitened basis shared by a group of consecutive layers.");
    }
    return {};
}

QString updateLabel(UpdateKind kind) {
    switch (kind) {
        case UpdateKind::none: return PlanText::tr("None");
        case UpdateKind::refit: return PlanText::tr("Refit");
        case UpdateKind::deviated: return PlanText::tr("Deviated inputs");
        case UpdateKind::compensate: return PlanText::tr("Compensate");
    }
    return {};
}

QString updateExplanationText(UpdateKind kind) {
    switch (kind) {
        case UpdateKind::none: return PlanText::tr("Keep the coefficients the factorization gives.");
        case UpdateKind::refit:
            return PlanText::tr("Refit each layer's coefficients on its own Gram with the basis fixed.");
        case UpdateKind::deviated:
            return PlanText::tr(
                "Refit each layer on the inputs it sees once the layers before it are compressed (SVD-LLM).");
        case UpdateKind::compensate:
            return PlanText::tr(
                "Fit each layer's compressed inputs to its original outputs, correcting earlier layers' errors.");
    }
    return {};
}

QString runMethodLabel(const api::RunRecord& run) {
    return run.compressed ? methodLabel(run.plan.method) : PlanText::tr("Original (uncompressed)");
}

std::string alphaFormId(const AlphaForm& form) {
    switch (form.kind) {
        case AlphaForm::Kind::power: return "power:p";
        case AlphaForm::Kind::normalised: return "normalised";
        default: return form.text();
    }
}

QString alphaFormLabel(const std::string& id) {
    const FormText* f = formText(id);
    return f ? PlanText::tr(f->label) : QString();
}

QString alphaFormExplanation(const std::string& id) {
    const FormText* f = formText(id);
    return f ? PlanText::tr(f->explanation) : QString();
}

QString alphaLabel(const AlphaForm& form) {
    const QString label = alphaFormLabel(alphaFormId(form));
    if (label.isEmpty()) return QString::fromStdString(form.text());
    if (form.kind == AlphaForm::Kind::power) return PlanText::tr("%1 (p = %2)").arg(label).arg(form.p);
    if (form.kind == AlphaForm::Kind::normalised && form.measure != ScaleMeasure::trace)
        return QStringLiteral("%1 (%2)").arg(label, QLatin1String(name(form.measure)));
    return label;
}

QString allocationLabel(Allocation allocation) {
    switch (allocation) {
        case Allocation::uniform: return PlanText::tr("Uniform");
        case Allocation::error: return PlanText::tr("By error curves");
    }
    return {};
}

QString allocationExplanation(Allocation allocation) {
    switch (allocation) {
        case Allocation::uniform:
            return PlanText::tr("Every group of a matrix type gets the same rank from the ratio.");
        case Allocation::error:
            return PlanText::tr(
                "Ranks per group chosen to minimise the summed whitened error at the uniform plan's parameter count.");
    }
    return {};
}

QString sharingCaveatText(MatrixType type) {
    if (type == MatrixType::o)
        return PlanText::tr(
            "Caution: the Basis Sharing paper found that sharing W_O across layers raised its loss; "
            "compare against sharing q, k, v, gate, up only.");
    if (type == MatrixType::down)
        return PlanText::tr(
            "Caution: the Basis Sharing paper shares only q, k, v, gate and up; compare against that "
            "before sharing W_Down.");
    return {};
}

QString groupsText(const CompressionPlan& plan) {
    QMap<int, QStringList> by_size;  // group size -> shared types
    for (const MatrixType t : kMatrixTypes)
        if (plan.compresses(t) && plan.shares(t)) by_size[plan.groupSize(t)] << QString::fromLatin1(name(t));
    if (by_size.isEmpty()) return QStringLiteral("—");
    QStringList parts;
    for (auto it = by_size.cbegin(); it != by_size.cend(); ++it)
        parts << QStringLiteral("%1 ×%2").arg(it.value().join(QLatin1Char(',')), QString::number(it.key()));
    return parts.join(QStringLiteral(" · "));
}

}  // namespace basislab::gui
