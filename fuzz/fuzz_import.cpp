// Fuzzes the server's import of configuration (owidget-server --import): Importer::importJson
// on one document, into an in-memory database opened once.
#include "crypto.h"
#include "database.h"
#include "importer.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>

using namespace Qt::StringLiterals;
using namespace OWidget::Server;

namespace {
// Never destroyed: at exit, Qt's own globals (the SQL connection list) may already be gone.
QCoreApplication *app = nullptr;
Database *database = nullptr;
} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    app = new QCoreApplication(*argc, *argv);
    QLoggingCategory::setFilterRules(u"*=false"_s);
    if (!Crypto::initialize())
        __builtin_trap();
    database = new Database;
    QString error;
    if (!database->open(u":memory:"_s, &error))
        __builtin_trap();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray json
        = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    Importer importer(*database, Crypto::PasswordCost::Cheap);
    QString error;
    // A refused document always says why, naming the file.
    if (!importer.importJson(json, u"fuzz.json"_s, &error) && !error.startsWith(u"fuzz.json: "_s))
        __builtin_trap();
    return 0;
}
