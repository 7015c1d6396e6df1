#include "text_format.h"

#include <QCoreApplication>
#include <QLocale>

#include <cmath>

namespace basislab::gui {
namespace {
struct TextFormat {
    Q_DECLARE_TR_FUNCTIONS(TextFormat)
};
}  // namespace

QString formatBytes(double bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (bytes >= 1000 && u < 4) {  // 1000, not 1024: never "1,015.8 KiB"
        bytes /= 1024;
        ++u;
    }
    return QLocale().toString(bytes, 'f', u ? 1 : 0) + QLatin1Char(' ') + QLatin1String(units[u]);
}

QString formatCount(qint64 count) {
    return QLocale().toString(count);
}

QString formatDuration(double seconds) {
    if (seconds < 0 || !std::isfinite(seconds)) return QStringLiteral("—");
    if (seconds < 60) return TextFormat::tr("%1 s").arg(QLocale().toString(seconds, 'f', seconds < 10 ? 1 : 0));
    const qint64 s = qint64(std::lround(seconds));
    if (s < 3600) return TextFormat::tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    return TextFormat::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString formatRate(double tokens_per_second) {
    if (tokens_per_second <= 0) return QStringLiteral("—");
    return TextFormat::tr("%1 tokens/s").arg(QLocale().toString(tokens_per_second, 'f', 0));
}

QString formatPercent(double fraction, int decimals) {
    return QLocale().toString(100.0 * fraction, 'f', decimals) + QStringLiteral(" %");
}

}  // namespace basislab::gui
