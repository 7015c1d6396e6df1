#include "language.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLibraryInfo>
#include <QLocale>

namespace basislab::gui {

Language::Language(QObject* parent) : QObject(parent) {}

QStringList Language::available() {
    return {QStringLiteral("en"), QStringLiteral("ko")};
}

QString Language::systemLanguage() {
    for (const QString& ui : QLocale::system().uiLanguages()) {
        const QString code = ui.section(QLatin1Char('-'), 0, 0).toLower();
        if (available().contains(code)) return code;
    }
    return QStringLiteral("en");
}

QString Language::nativeName(const QString& code) {
    if (code == QLatin1String("ko")) return QStringLiteral("한국어");
    return QStringLiteral("English");
}

QString Language::apply(const QString& code) {
    const QString wanted = available().contains(code) ? code : systemLanguage();
    QCoreApplication::removeTranslator(&app_);
    QCoreApplication::removeTranslator(&qt_);
    current_ = QStringLiteral("en");
    if (app_.load(QStringLiteral(":/i18n/basislab_") + wanted)) {
        current_ = wanted;
        QCoreApplication::installTranslator(&app_);
    }
    if (qt_.load(QStringLiteral("qtbase_") + wanted, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&qt_);
    QLocale::setDefault(QLocale(current_ == QLatin1String("ko") ? QLocale::Korean : QLocale::English));
    // Installing a translator posts QEvent::LanguageChange; deliver it now so every widget shows
    // the new language when this returns.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    return current_;
}

}  // namespace basislab::gui
