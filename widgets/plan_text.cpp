#include "plan_text.h"

#include <QCoreApplication>
#include <QMap>
#include <QStringList>

namespace basislab::gui {
namespace {
struct PlanText {
    Q_DECLARE_TR_FUNCTIONS(PlanText)
};
}  // namespace

QString methodLabel(const std::string& method_id) {
    if (method_id == kOriginalMethod) return PlanText::tr("Original (uncompressed)");
    if (method_id.empty()) return QStringLiteral("—");
    return QString::fromStdString(method_id);
}

QString alphaLabel(const std::string& alpha_id) {
    if (alpha_id.empty()) return QStringLiteral("—");
    return QString::fromStdString(alpha_id);
}

QString groupsText(const api::PlanSettings& plan) {
    QMap<int, QStringList> by_size;  // group size -> shared types
    for (std::size_t i = 0; i < kMatrixTypes.size(); ++i)
        if (plan.shared[i]) by_size[plan.group_size[i]] << QString::fromLatin1(name(kMatrixTypes[i]));
    if (by_size.isEmpty()) return QStringLiteral("—");
    QStringList parts;
    for (auto it = by_size.cbegin(); it != by_size.cend(); ++it)
        parts << QStringLiteral("%1 ×%2").arg(it.value().join(QLatin1Char(',')), QString::number(it.key()));
    return parts.join(QStringLiteral(" · "));
}

}  // namespace basislab::gui
