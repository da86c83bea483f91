<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="he">
<context>
    <name>DemoWindow</name>
    <message>
        <source>Current account  ·  CZ65 0800 0000 1920 0014 5399</source>
        <translation>חשבון עו״ש  ·  CZ65 0800 0000 1920 0014 5399</translation>
    </message>
    <message>
        <source>Grocery store</source>
        <translation>מכולת</translation>
    </message>
    <message>
        <source>Salary</source>
        <translation>משכורת</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>חשמל</translation>
    </message>
    <message>
        <source>Transfer to savings</source>
        <translation>העברה לחיסכון</translation>
    </message>
    <message>
        <source>Pharmacy</source>
        <translation>בית מרקחת</translation>
    </message>
    <message>
        <source>Train tickets</source>
        <translation>כרטיסי רכבת</translation>
    </message>
    <message>
        <source>d MMM</source>
        <comment>the transactions&apos; date format</comment>
        <translation>d בMMM</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>תאריך</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>תיאור</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>סכום</translation>
    </message>
    <message>
        <source>Northwind Bank — OWidget demo</source>
        <translation>בנק נורת׳וינד — הדגמה של OWidget</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>ראשי</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>חשבונות</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>תשלומים</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>כרטיסים</translation>
    </message>
    <message>
        <source>Signed in as Jana Nováková</source>
        <translation>מחוברת בתור Jana Nováková</translation>
    </message>
    <message>
        <source>Developer panel</source>
        <translation>חלונית מפתחים</translation>
    </message>
</context>
<context>
    <name>DeveloperPanel</name>
    <message>
        <source>Custom phone normalization</source>
        <translation>נרמול מותאם של מספרי טלפון</translation>
    </message>
    <message>
        <source>default preset</source>
        <translation>הגדרה ברירת מחדל</translation>
    </message>
    <message>
        <source>the application&apos;s: %1</source>
        <translation>שפת היישום: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ללא</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>שרת</translation>
    </message>
    <message>
        <source>Company id</source>
        <translation>מזהה חברה</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>הגדרה מוכנה</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>שפה</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>היקף</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>התנתקות</translation>
    </message>
    <message>
        <source>Chat window</source>
        <translation>חלון הצ׳אט</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>הוספה</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>מספר</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>תוצאה</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>אירועים</translation>
    </message>
    <message>
        <source>null (not a valid number)</source>
        <translation>null (מספר לא תקין)</translation>
    </message>
</context>
</TS>
