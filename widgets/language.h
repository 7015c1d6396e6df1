// The user interface language: English (the source language) or Korean. Follows the system
// locale unless the user chose one in the settings; switching installs the translators at run
// time, and every widget retranslates itself on QEvent::LanguageChange.
#pragma once

#include <QObject>
#include <QTranslator>

namespace basislab::gui {

class Language : public QObject {
    Q_OBJECT
public:
    explicit Language(QObject* parent = nullptr);

    /// Language codes with a translation in the program: "en", "ko".
    static QStringList available();
    /// The language the system locale asks for, if available, else "en".
    static QString systemLanguage();
    /// Native name of a language code ("English", "한국어").
    static QString nativeName(const QString& code);

    /// Installs the translation of `code` ("" = the system's). Returns the code now in use.
    QString apply(const QString& code);
    const QString& current() const { return current_; }

private:
    QTranslator app_;
    QTranslator qt_;
    QString current_;
};

}  // namespace basislab::gui
