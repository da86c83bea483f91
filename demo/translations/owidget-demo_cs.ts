<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="cs">
<context>
    <name>DemoWindow</name>
    <message>
        <source>Current account  ·  CZ65 0800 0000 1920 0014 5399</source>
        <translation>Běžný účet  ·  CZ65 0800 0000 1920 0014 5399</translation>
    </message>
    <message>
        <source>Grocery store</source>
        <translation>Potraviny</translation>
    </message>
    <message>
        <source>Salary</source>
        <translation>Mzda</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>Elektřina</translation>
    </message>
    <message>
        <source>Transfer to savings</source>
        <translation>Převod na spoření</translation>
    </message>
    <message>
        <source>Pharmacy</source>
        <translation>Lékárna</translation>
    </message>
    <message>
        <source>Train tickets</source>
        <translation>Jízdenky na vlak</translation>
    </message>
    <message>
        <source>d MMM</source>
        <comment>the transactions&apos; date format</comment>
        <translation>d. M.</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Popis</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Částka</translation>
    </message>
    <message>
        <source>Northwind Bank — OWidget demo</source>
        <translation>Northwind Bank — ukázka OWidgetu</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hlavní</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Účty</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Platby</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Karty</translation>
    </message>
    <message>
        <source>Signed in as Jana Nováková</source>
        <translation>Přihlášena Jana Nováková</translation>
    </message>
    <message>
        <source>Developer panel</source>
        <translation>Panel pro vývojáře</translation>
    </message>
</context>
<context>
    <name>DeveloperPanel</name>
    <message>
        <source>Custom phone normalization</source>
        <translation>Vlastní normalizace telefonních čísel</translation>
    </message>
    <message>
        <source>default preset</source>
        <translation>výchozí předvolba</translation>
    </message>
    <message>
        <source>the application&apos;s: %1</source>
        <translation>jazyk aplikace: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>žádný</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Company id</source>
        <translation>ID společnosti</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>Předvolba</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Jazyk</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Rozsah</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Odpojit</translation>
    </message>
    <message>
        <source>Chat window</source>
        <translation>Okno chatu</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Přidat</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Číslo</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Výsledek</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Události</translation>
    </message>
    <message>
        <source>null (not a valid number)</source>
        <translation>null (neplatné číslo)</translation>
    </message>
</context>
</TS>
