<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountForm</name>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>Your account</source>
        <translation>Your account</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>This account administers the computer: it is in the wheel group and can use sudo. The root account is locked.</source>
        <translation>This account administers the computer: it is in the wheel group and can use sudo. The root account is locked.</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>&amp;Full name:</source>
        <translation>&amp;Full name:</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>Alice Example</source>
        <translation>Alice Example</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>&amp;Username:</source>
        <translation>&amp;Username:</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>&amp;Password:</source>
        <translation>&amp;Password:</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>Caps Lock may be on: most letters are capitals.</source>
        <translation>Caps Lock may be on: most letters are capitals.</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>C&amp;onfirm:</source>
        <translation>C&amp;onfirm:</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>Confirm the password</source>
        <translation>Confirm the password</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>&amp;Show the password</source>
        <translation>&amp;Show the password</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>Show the password</source>
        <translation>Show the password</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>Use it &amp;anyway</source>
        <translation>Use it &amp;anyway</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>Use this fair password anyway</source>
        <translation>Use this fair password anyway</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>&amp;Computer name:</source>
        <translation>&amp;Computer name:</translation>
    </message>
    <message>
        <location filename="../../ui/account.ui" line="0" />
        <source>Computer name</source>
        <translation>Computer name</translation>
    </message>
</context>
<context>
    <name>ConfirmForm</name>
    <message>
        <location filename="../../ui/confirm.ui" line="0" />
        <source>Type the word shown to confirm</source>
        <translation>Type the word shown to confirm</translation>
    </message>
</context>
<context>
    <name>DisksForm</name>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>Check the disk to install veilor-os on. Everything on a checked disk is erased. Check two or more disks to mirror them or to join them into one pool.</source>
        <translation>Check the disk to install veilor-os on. Everything on a checked disk is erased. Check two or more disks to mirror them or to join them into one pool.</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>Reading the disks</source>
        <translation>Reading the disks</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>&amp;Rescan</source>
        <translation>&amp;Rescan</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>Read the disks again</source>
        <translation>Read the disks again</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>Finds disks connected since the last scan.</source>
        <translation>Finds disks connected since the last scan.</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>&amp;Disks (Space checks the highlighted one):</source>
        <translation>&amp;Disks (Space checks the highlighted one):</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>Disks to install on</source>
        <translation>Disks to install on</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <location filename="../../ui/disks.ui" line="0" />
        <source>How to use the checked disks</source>
        <translation>How to use the checked disks</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>&amp;Mirror</source>
        <translation>&amp;Mirror</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>Mirror</source>
        <translation>Mirror</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>One &amp;pool</source>
        <translation>One &amp;pool</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>One pool</source>
        <translation>One pool</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>&amp;System and data</source>
        <translation>&amp;System and data</translation>
    </message>
    <message>
        <location filename="../../ui/disks.ui" line="0" />
        <source>System and data</source>
        <translation>System and data</translation>
    </message>
</context>
<context>
    <name>EncryptionForm</name>
    <message>
        <location filename="../../ui/encryption.ui" line="0" />
        <source>Encryption</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <location filename="../../ui/encryption.ui" line="0" />
        <source>veilor-os always encrypts the disk (LUKS2). You will type this passphrase every time the computer starts, before anything else loads. Nobody can recover it: if you forget it, everything on the disk is lost.</source>
        <translation>veilor-os always encrypts the disk (LUKS2). You will type this passphrase every time the computer starts, before anything else loads. Nobody can recover it: if you forget it, everything on the disk is lost.</translation>
    </message>
    <message>
        <location filename="../../ui/encryption.ui" line="0" />
        <source>&amp;Passphrase:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/encryption.ui" line="0" />
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/encryption.ui" line="0" />
        <source>Caps Lock may be on: most letters are capitals.</source>
        <translation>Caps Lock may be on: most letters are capitals.</translation>
    </message>
    <message>
        <location filename="../../ui/encryption.ui" line="0" />
        <source>C&amp;onfirm:</source>
        <translation>C&amp;onfirm:</translation>
    </message>
    <message>
        <location filename="../../ui/encryption.ui" line="0" />
        <source>Confirm the passphrase</source>
        <translation>Confirm the passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/encryption.ui" line="0" />
        <source>&amp;Show the passphrase</source>
        <translation>&amp;Show the passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/encryption.ui" line="0" />
        <source>Show the passphrase</source>
        <translation>Show the passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/encryption.ui" line="0" />
        <source>Use it &amp;anyway</source>
        <translation>Use it &amp;anyway</translation>
    </message>
    <message>
        <location filename="../../ui/encryption.ui" line="0" />
        <source>Use this fair passphrase anyway</source>
        <translation>Use this fair passphrase anyway</translation>
    </message>
</context>
<context>
    <name>FinishForm</name>
    <message>
        <location filename="../../ui/finish.ui" line="0" />
        <source>Installed</source>
        <translation>Installed</translation>
    </message>
    <message>
        <location filename="../../ui/finish.ui" line="0" />
        <source>&amp;Restart now</source>
        <translation>&amp;Restart now</translation>
    </message>
    <message>
        <location filename="../../ui/finish.ui" line="0" />
        <source>Restart the computer now and start veilor-os</source>
        <translation>Restart the computer now and start veilor-os</translation>
    </message>
</context>
<context>
    <name>InstallForm</name>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Pre-flight checks were skipped (--skip-preflight): the network, the image, its signature policy, the memory and the disks were NOT checked. If the image cannot be pulled, the disks are erased anyway and left unable to start.</source>
        <translation>Pre-flight checks were skipped (--skip-preflight): the network, the image, its signature policy, the memory and the disks were NOT checked. If the image cannot be pulled, the disks are erased anyway and left unable to start.</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Checked before anything is erased</source>
        <translation>Checked before anything is erased</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Check &amp;again</source>
        <translation>Check &amp;again</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Run the checks again</source>
        <translation>Run the checks again</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Installation progress</source>
        <translation>Installation progress</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Steps so far:</source>
        <translation>Steps so far:</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Installation steps so far; the current one is marked</source>
        <translation>Installation steps so far; the current one is marked</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Show the &amp;log</source>
        <translation>Show the &amp;log</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Show the installer's log as it is written</source>
        <translation>Show the installer's log as it is written</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Installer log, newest lines last</source>
        <translation>Installer log, newest lines last</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>&amp;Do not restart</source>
        <translation>&amp;Do not restart</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Stop Anaconda so that the computer does not restart by itself</source>
        <translation>Stop Anaconda so that the computer does not restart by itself</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>The last lines of the log:</source>
        <translation>The last lines of the log:</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>The last lines of the installer's log</source>
        <translation>The last lines of the installer's log</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>&amp;Save the logs to a USB stick…</source>
        <translation>&amp;Save the logs to a USB stick…</translation>
    </message>
    <message>
        <location filename="../../ui/install.ui" line="0" />
        <source>Save the logs to a USB stick or another folder</source>
        <translation>Save the logs to a USB stick or another folder</translation>
    </message>
</context>
<context>
    <name>LanguageForm</name>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Choose the language of the installed system and the layout of your keyboard. Type in a search field to narrow its list; the arrow keys move through the matches.</source>
        <translation>Choose the language of the installed system and the layout of your keyboard. Type in a search field to narrow its list; the arrow keys move through the matches.</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Search &amp;languages:</source>
        <translation>Search &amp;languages:</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>A language or country, e.g. Deutsch</source>
        <translation>A language or country, e.g. Deutsch</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Search languages</source>
        <translation>Search languages</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Narrows the list of languages. Up and Down choose among the matches.</source>
        <translation>Narrows the list of languages. Up and Down choose among the matches.</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Languages</source>
        <translation>Languages</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Keyboard layout</source>
        <translation>Keyboard layout</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Search &amp;keyboard layouts:</source>
        <translation>Search &amp;keyboard layouts:</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>A layout or its code, e.g. German or de</source>
        <translation>A layout or its code, e.g. German or de</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Search keyboard layouts</source>
        <translation>Search keyboard layouts</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Narrows the list of keyboard layouts. Up and Down choose among the matches.</source>
        <translation>Narrows the list of keyboard layouts. Up and Down choose among the matches.</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Keyboard layouts</source>
        <translation>Keyboard layouts</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>This keyboard layout is the one you will type your disk passphrase with every time the computer starts, before the desktop appears. Choose the layout of the keyboard you will really type on.</source>
        <translation>This keyboard layout is the one you will type your disk passphrase with every time the computer starts, before the desktop appears. Choose the layout of the keyboard you will really type on.</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>&amp;Try your keyboard here:</source>
        <translation>&amp;Try your keyboard here:</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Type a few letters, e.g. ä ö ü ß @ /</source>
        <translation>Type a few letters, e.g. ä ö ü ß @ /</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>Try your keyboard here</source>
        <translation>Try your keyboard here</translation>
    </message>
    <message>
        <location filename="../../ui/language.ui" line="0" />
        <source>A field to test typing; what you type here is not saved anywhere.</source>
        <translation>A field to test typing; what you type here is not saved anywhere.</translation>
    </message>
</context>
<context>
    <name>ProgressForm</name>
    <message>
        <location filename="../../ui/progress.ui" line="0" />
        <source>Progress</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../ui/progress.ui" line="0" />
        <source>&amp;Try again</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <location filename="../../ui/progress.ui" line="0" />
        <source>Try writing the kickstart again</source>
        <translation>Try writing the kickstart again</translation>
    </message>
</context>
<context>
    <name>SummaryForm</name>
    <message>
        <location filename="../../ui/summary.ui" line="0" />
        <source>Preparing the summary…</source>
        <translation>Preparing the summary…</translation>
    </message>
    <message>
        <location filename="../../ui/summary.ui" line="0" />
        <source>Erased</source>
        <translation>Erased</translation>
    </message>
    <message>
        <location filename="../../ui/summary.ui" line="0" />
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <location filename="../../ui/summary.ui" line="0" />
        <source>Show the &amp;kickstart</source>
        <translation>Show the &amp;kickstart</translation>
    </message>
    <message>
        <location filename="../../ui/summary.ui" line="0" />
        <source>Show the kickstart file, secrets masked</source>
        <translation>Show the kickstart file, secrets masked</translation>
    </message>
    <message>
        <location filename="../../ui/summary.ui" line="0" />
        <source>Kickstart file, secrets masked</source>
        <translation>Kickstart file, secrets masked</translation>
    </message>
</context>
<context>
    <name>TimezoneForm</name>
    <message>
        <location filename="../../ui/timezone.ui" line="0" />
        <source>Choose the time zone of the place where you use this computer, so that its clock shows your local time. Type a city or a region, such as Berlin or New York.</source>
        <translation>Choose the time zone of the place where you use this computer, so that its clock shows your local time. Type a city or a region, such as Berlin or New York.</translation>
    </message>
    <message>
        <location filename="../../ui/timezone.ui" line="0" />
        <source>Search &amp;time zones:</source>
        <translation>Search &amp;time zones:</translation>
    </message>
    <message>
        <location filename="../../ui/timezone.ui" line="0" />
        <source>A city or region, e.g. Berlin</source>
        <translation>A city or region, e.g. Berlin</translation>
    </message>
    <message>
        <location filename="../../ui/timezone.ui" line="0" />
        <source>Search time zones</source>
        <translation>Search time zones</translation>
    </message>
    <message>
        <location filename="../../ui/timezone.ui" line="0" />
        <source>Narrows the list of time zones. Up and Down choose among the matches.</source>
        <translation>Narrows the list of time zones. Up and Down choose among the matches.</translation>
    </message>
    <message>
        <location filename="../../ui/timezone.ui" line="0" />
        <source>Time zones</source>
        <translation>Time zones</translation>
    </message>
    <message>
        <location filename="../../ui/timezone.ui" line="0" />
        <source>Local time in the chosen time zone</source>
        <translation>Local time in the chosen time zone</translation>
    </message>
</context>
<context>
    <name>WelcomeForm</name>
    <message>
        <location filename="../../ui/welcome.ui" line="0" />
        <source>veilor-os logo</source>
        <translation>veilor-os logo</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.ui" line="0" />
        <source>veilor-os is a hardened desktop. This installer asks a few questions, shows you exactly what will be erased, and changes nothing until you confirm.</source>
        <translation>veilor-os is a hardened desktop. This installer asks a few questions, shows you exactly what will be erased, and changes nothing until you confirm.</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.ui" line="0" />
        <source>This computer</source>
        <translation>This computer</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.ui" line="0" />
        <source>Checking this computer…</source>
        <translation>Checking this computer…</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.ui" line="0" />
        <source>Check &amp;again</source>
        <translation>Check &amp;again</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.ui" line="0" />
        <source>Check the requirements again</source>
        <translation>Check the requirements again</translation>
    </message>
</context>
<context>
    <name>veilor</name>
    <message>
        <location filename="../../veilor_installer/gui/choicelist.py" line="104" />
        <source>Clear the search</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="29" />
        <location filename="../../veilor_installer/gui/pages/account.py" line="44" />
        <source>Your account</source>
        <translation>Your account</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/account.py" line="45" />
        <source>Who uses this computer, and what it is called.</source>
        <translation>Who uses this computer, and what it is called.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/account.py" line="62" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/account.py" line="62" />
        <source>passwords</source>
        <translation>passwords</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/account.py" line="114" />
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/account.py" line="115" />
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/account.py" line="116" />
        <source>Computer name</source>
        <translation>Computer name</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/account.py" line="120" />
        <source>{field} {problem}</source>
        <translation>{field} {problem}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/base.py" line="29" />
        <source>Dry run: no disk will be touched. The installer only writes the kickstart to {folder}.</source>
        <translation>Dry run: no disk will be touched. The installer only writes the kickstart to {folder}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/base.py" line="33" />
        <source>Dry run notice</source>
        <translation>Dry run notice</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="19" />
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="20" />
        <source>erase</source>
        <translation>erase</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="22" />
        <source>To go on, type &lt;b&gt;{word}&lt;/b&gt; in the field below.</source>
        <translation>To go on, type &lt;b&gt;{word}&lt;/b&gt; in the field below.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="25" />
        <source>This is a dry run: the disks stay as they are.</source>
        <translation>This is a dry run: the disks stay as they are.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="26" />
        <source>&amp;Write the kickstart</source>
        <translation>&amp;Write the kickstart</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="27" />
        <source>Next, the installer writes the kickstart to {folder}; no disk is touched.</source>
        <translation>Next, the installer writes the kickstart to {folder}; no disk is touched.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="30" />
        <source>The last step before disks are erased.</source>
        <translation>The last step before disks are erased.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="31" />
        <source>&amp;Erase and install</source>
        <translation>&amp;Erase and install</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="32" />
        <source>Erasing starts at once and cannot be undone.</source>
        <translation>Erasing starts at once and cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="39" />
        <source>These disks will be erased:</source>
        <translation>These disks will be erased:</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="54" />
        <source>Type {word} to confirm.</source>
        <translation>Type {word} to confirm.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/confirm.py" line="55" />
        <source>That is not the word shown; type {word}.</source>
        <translation>That is not the word shown; type {word}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="38" />
        <source>{first} and {last}</source>
        <translation>{first} and {last}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="44" />
        <source>a BitLocker volume</source>
        <translation>a BitLocker volume</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="45" />
        <source>holds {systems}</source>
        <translation>holds {systems}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="50" />
        <source>holds one partition with no system we recognise</source>
        <translation>holds one partition with no system we recognise</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="51" />
        <source>holds {count} partitions with no system we recognise</source>
        <translation>holds {count} partitions with no system we recognise</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="53" />
        <source>holds a file system ({fstype})</source>
        <translation>holds a file system ({fstype})</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="54" />
        <source>empty</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="60" />
        <source>unknown connection</source>
        <translation>unknown connection</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="62" />
        <source>{connection} hard disk</source>
        <translation>{connection} hard disk</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="64" />
        <source>{connection}, removable</source>
        <translation>{connection}, removable</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="70" />
        <source>{model} — {size}, {connection}</source>
        <translation>{model} — {size}, {connection}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="71" />
        <source>Unnamed disk</source>
        <translation>Unnamed disk</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="73" />
        <source> · by-id: {id}</source>
        <translation> · by-id: {id}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="78" />
        <source>Cannot be used: {reason}.</source>
        <translation>Cannot be used: {reason}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="80" />
        <source>Parts of it are in use right now.</source>
        <translation>Parts of it are in use right now.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="86" />
        <source>Single disk</source>
        <translation>Single disk</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="87" />
        <source>Mirror</source>
        <translation>Mirror</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="88" />
        <source>One pool</source>
        <translation>One pool</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="89" />
        <source>System and data</source>
        <translation>System and data</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="63" />
        <location filename="../../veilor_installer/gui/pages/summary.py" line="28" />
        <location filename="../../veilor_installer/gui/pages/summary.py" line="27" />
        <location filename="../../veilor_installer/gui/pages/disks.py" line="103" />
        <source>Disks</source>
        <translation>Disks</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="104" />
        <source>Where veilor-os goes. Nothing is erased until you confirm at the end.</source>
        <translation>Where veilor-os goes. Nothing is erased until you confirm at the end.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="297" />
        <location filename="../../veilor_installer/gui/pages/disks.py" line="156" />
        <source>Reading the disks…</source>
        <translation>Reading the disks…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="166" />
        <source>Could not read the disks: {why}. Press Rescan to try again.</source>
        <translation>Could not read the disks: {why}. Press Rescan to try again.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="188" />
        <source>Found one disk.</source>
        <translation>Found one disk.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="189" />
        <source>Found {count} disks.</source>
        <translation>Found {count} disks.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="194" />
        <source>New: {disks}.</source>
        <translation>New: {disks}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="196" />
        <source>No longer connected, so no longer checked: {disks}.</source>
        <translation>No longer connected, so no longer checked: {disks}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="282" />
        <source>veilor-os and its boot partitions go on {disk}; everything on it is erased.</source>
        <translation>veilor-os and its boot partitions go on {disk}; everything on it is erased.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="285" />
        <source>The boot partitions go on {disk}, the first disk you checked; everything on the {count} checked disks is erased. To start from another disk, uncheck them all and check that one first.</source>
        <translation>The boot partitions go on {disk}, the first disk you checked; everything on the {count} checked disks is erased. To start from another disk, uncheck them all and check that one first.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="299" />
        <source>Check the disk to install veilor-os on.</source>
        <translation>Check the disk to install veilor-os on.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="302" />
        <source>it is not connected</source>
        <translation>it is not connected</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="304" />
        <source>{disk} cannot be used: {reason}. Uncheck it.</source>
        <translation>{disk} cannot be used: {reason}. Uncheck it.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="310" />
        <source>exactly {count} disks</source>
        <translation>exactly {count} disks</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="311" />
        <source>{fewest} to {most} disks</source>
        <translation>{fewest} to {most} disks</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/disks.py" line="312" />
        <source>“{layout}” takes {need}, and {count} are checked. Uncheck a disk, or choose another way to use them.</source>
        <translation>“{layout}” takes {need}, and {count} are checked. Uncheck a disk, or choose another way to use them.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="28" />
        <location filename="../../veilor_installer/gui/pages/encryption.py" line="36" />
        <source>Encryption</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/encryption.py" line="37" />
        <source>Choose the passphrase that unlocks this computer.</source>
        <translation>Choose the passphrase that unlocks this computer.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="78" />
        <location filename="../../veilor_installer/gui/pages/encryption.py" line="49" />
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/encryption.py" line="49" />
        <source>passphrases</source>
        <translation>passphrases</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/encryption.py" line="82" />
        <source>Keyboard at boot: {name} — you will type this passphrase in this layout.</source>
        <translation>Keyboard at boot: {name} — you will type this passphrase in this layout.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/encryption.py" line="85" />
        <source>The passphrase has characters beyond plain ASCII (such as accented letters). They may be hard or impossible to type at the boot prompt with the {name} layout.</source>
        <translation>The passphrase has characters beyond plain ASCII (such as accented letters). They may be hard or impossible to type at the boot prompt with the {name} layout.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/finish.py" line="31" />
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/finish.py" line="32" />
        <source>The installation succeeded.</source>
        <translation>The installation succeeded.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/finish.py" line="50" />
        <source>The logs of this install are in {folder}.</source>
        <translation>The logs of this install are in {folder}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/finish.py" line="61" />
        <source>&amp;Close without restarting</source>
        <translation>&amp;Close without restarting</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/finish.py" line="62" />
        <source>“Close without restarting” stops Anaconda: the computer keeps running until you restart it.</source>
        <translation>“Close without restarting” stops Anaconda: the computer keeps running until you restart it.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/wizard.py" line="83" />
        <location filename="../../veilor_installer/gui/pages/finish.py" line="65" />
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/finish.py" line="66" />
        <source>Anaconda has already ended: restart the computer yourself when you are ready.</source>
        <translation>Anaconda has already ended: restart the computer yourself when you are ready.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/finish.py" line="82" />
        <source>The computer cannot be restarted from here: {why}. Restart it yourself.</source>
        <translation>The computer cannot be restarted from here: {why}. Restart it yourself.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/finish.py" line="88" />
        <source>Restarting the computer…</source>
        <translation>Restarting the computer…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="498" />
        <location filename="../../veilor_installer/gui/pages/finish.py" line="109" />
        <source>Stopping Anaconda so that the computer does not restart…</source>
        <translation>Stopping Anaconda so that the computer does not restart…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="515" />
        <location filename="../../veilor_installer/gui/pages/finish.py" line="124" />
        <source>Anaconda could not be stopped: {why}</source>
        <translation>Anaconda could not be stopped: {why}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="34" />
        <location filename="../../veilor_installer/gui/pages/install.py" line="111" />
        <source>Install</source>
        <translation>Install</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="221" />
        <location filename="../../veilor_installer/gui/pages/install.py" line="112" />
        <source>Checks first: nothing is erased until they all pass.</source>
        <translation>Checks first: nothing is erased until they all pass.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="181" />
        <source>Installing…</source>
        <translation>Installing…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="223" />
        <source>Starting Anaconda without the checks…</source>
        <translation>Starting Anaconda without the checks…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="226" />
        <source>Checking that the install can succeed, before anything is erased…</source>
        <translation>Checking that the install can succeed, before anything is erased…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="228" />
        <source>The image is looked up on the registry; this can take a minute.</source>
        <translation>The image is looked up on the registry; this can take a minute.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="95" />
        <location filename="../../veilor_installer/gui/pages/install.py" line="266" />
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="95" />
        <location filename="../../veilor_installer/gui/pages/install.py" line="266" />
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="275" />
        <source>Nothing was changed. Fix what is marked below, then check again.</source>
        <translation>Nothing was changed. Fix what is marked below, then check again.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="277" />
        <source>Not passed: {checks}. Anaconda was not started.</source>
        <translation>Not passed: {checks}. Anaconda was not started.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="293" />
        <source>Anaconda, Fedora's installer, is installing veilor-os.</source>
        <translation>Anaconda, Fedora's installer, is installing veilor-os.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="294" />
        <source>Installing veilor-os. This takes a while; the disks are being changed now.</source>
        <translation>Installing veilor-os. This takes a while; the disks are being changed now.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="296" />
        <source>Starting Anaconda…</source>
        <translation>Starting Anaconda…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="298" />
        <source>You may be asked for the administrator password.</source>
        <translation>You may be asked for the administrator password.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="326" />
        <source>Step {n} of {total}: {task}</source>
        <translation>Step {n} of {total}: {task}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="341" />
        <source>Now: {step}</source>
        <translation>Now: {step}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="356" />
        <source>Done: {step}</source>
        <translation>Done: {step}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="356" />
        <source>Failed: {step}</source>
        <translation>Failed: {step}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="359" />
        <source>Hide the &amp;log</source>
        <translation>Hide the &amp;log</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="359" />
        <source>Show the &amp;log</source>
        <translation>Show the &amp;log</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="376" />
        <source>[… {n} lines not shown here: the log bundle has every line …]</source>
        <translation>[… {n} lines not shown here: the log bundle has every line …]</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="384" />
        <source>Stop the installation?</source>
        <translation>Stop the installation?</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="385" />
        <source>Anaconda is installing. If you stop it now, the disks may already be partitioned: what was on them would be gone, and nothing would start from them until you install again.</source>
        <translation>Anaconda is installing. If you stop it now, the disks may already be partitioned: what was on them would be gone, and nothing would start from them until you install again.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="390" />
        <source>&amp;Stop the installation</source>
        <translation>&amp;Stop the installation</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="391" />
        <source>&amp;Keep installing</source>
        <translation>&amp;Keep installing</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="404" />
        <source>Stopping the installation…</source>
        <translation>Stopping the installation…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="440" />
        <source>The installation did not finish.</source>
        <translation>The installation did not finish.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="458" />
        <source>All the logs of this run, with passwords and passphrases masked, are in &lt;b&gt;{folder}&lt;/b&gt;. Save them before the computer restarts.</source>
        <translation>All the logs of this run, with passwords and passphrases masked, are in &lt;b&gt;{folder}&lt;/b&gt;. Save them before the computer restarts.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="468" />
        <source>The logs could not be gathered; Anaconda's own are in {folder}.</source>
        <translation>The logs could not be gathered; Anaconda's own are in {folder}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="478" />
        <source>Anaconda is restarting the computer now.</source>
        <translation>Anaconda is restarting the computer now.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="481" />
        <source>The computer restarts in {time}.</source>
        <translation>The computer restarts in {time}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="509" />
        <source>Check the network and the image, then start the installer again.</source>
        <translation>Check the network and the image, then start the installer again.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="534" />
        <source>Anaconda may have changed the disks before this happened: treat them as erased.</source>
        <translation>Anaconda may have changed the disks before this happened: treat them as erased.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="535" />
        <source>Nothing was changed on the disks.</source>
        <translation>Nothing was changed on the disks.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="536" />
        <source>veilor-installer itself failed</source>
        <translation>veilor-installer itself failed</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="537" />
        <source>Please report this, with Anaconda's logs, and start the installer again.</source>
        <translation>Please report this, with Anaconda's logs, and start the installer again.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="540" />
        <source>Anaconda's own logs are in {folder}.</source>
        <translation>Anaconda's own logs are in {folder}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="552" />
        <source>Choose the USB stick (or a folder) for the logs</source>
        <translation>Choose the USB stick (or a folder) for the logs</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="558" />
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="564" />
        <source>Saved in &lt;b&gt;{folder}&lt;/b&gt;. Eject the stick before you unplug it.</source>
        <translation>Saved in &lt;b&gt;{folder}&lt;/b&gt;. Eject the stick before you unplug it.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/install.py" line="571" />
        <source>The logs could not be saved there: {why}</source>
        <translation>The logs could not be saved there: {why}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="27" />
        <location filename="../../veilor_installer/gui/pages/language.py" line="162" />
        <source>Language &amp; keyboard</source>
        <translation>Language &amp; keyboard</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/language.py" line="163" />
        <source>The keyboard layout chosen here is also the one you type the disk passphrase with at boot.</source>
        <translation>The keyboard layout chosen here is also the one you type the disk passphrase with at boot.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/language.py" line="167" />
        <source>Language: {text}.</source>
        <translation>Language: {text}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/language.py" line="168" />
        <source>No language matches “{text}”.</source>
        <translation>No language matches “{text}”.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/language.py" line="169" />
        <source>Loading the languages…</source>
        <translation>Loading the languages…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/language.py" line="172" />
        <source>Keyboard: {text}.</source>
        <translation>Keyboard: {text}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/language.py" line="173" />
        <source>No keyboard layout matches “{text}”.</source>
        <translation>No keyboard layout matches “{text}”.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/language.py" line="174" />
        <source>Loading the keyboard layouts…</source>
        <translation>Loading the keyboard layouts…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/language.py" line="232" />
        <source>Could not read the lists of languages and keyboard layouts: {why}</source>
        <translation>Could not read the lists of languages and keyboard layouts: {why}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/timezone.py" line="121" />
        <location filename="../../veilor_installer/gui/pages/language.py" line="235" />
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/language.py" line="238" />
        <source>Choose a language from the list.</source>
        <translation>Choose a language from the list.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/language.py" line="240" />
        <source>Choose a keyboard layout from the list: it is the one you type the disk passphrase with at boot.</source>
        <translation>Choose a keyboard layout from the list: it is the one you type the disk passphrase with at boot.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="20" />
        <source>partition and format the disks named on the Summary page (LUKS2, btrfs)</source>
        <translation>partition and format the disks named on the Summary page (LUKS2, btrfs)</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="21" />
        <source>pull and verify the signed image</source>
        <translation>pull and verify the signed image</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="22" />
        <source>create your account and lock root</source>
        <translation>create your account and lock root</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="23" />
        <source>install the boot loader and point updates at the signed image</source>
        <translation>install the boot loader and point updates at the signed image</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="35" />
        <source>Dry run: writing the kickstart.</source>
        <translation>Dry run: writing the kickstart.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="53" />
        <source>Writing the kickstart…</source>
        <translation>Writing the kickstart…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="70" />
        <source>Dry run finished. No disk was touched.</source>
        <translation>Dry run finished. No disk was touched.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="73" />
        <source>The kickstart is in &lt;b&gt;{ks}&lt;/b&gt;.&lt;br/&gt;The passphrase is in &lt;b&gt;{secrets}&lt;/b&gt; (readable only by you): delete it when you are done.</source>
        <translation>The kickstart is in &lt;b&gt;{ks}&lt;/b&gt;.&lt;br/&gt;The passphrase is in &lt;b&gt;{secrets}&lt;/b&gt; (readable only by you): delete it when you are done.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="77" />
        <source>A live install would now have Anaconda:</source>
        <translation>A live install would now have Anaconda:</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="84" />
        <source>The kickstart could not be written: {why}</source>
        <translation>The kickstart could not be written: {why}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="85" />
        <source>Nothing was written.</source>
        <translation>Nothing was written.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/progress.py" line="91" />
        <source>Writing…</source>
        <translation>Writing…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="52" />
        <source>very weak</source>
        <translation>very weak</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="52" />
        <source>weak</source>
        <translation>weak</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="52" />
        <source>fair</source>
        <translation>fair</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="53" />
        <source>strong</source>
        <translation>strong</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="53" />
        <source>very strong</source>
        <translation>very strong</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="165" />
        <source>The strength could not be checked; try again.</source>
        <translation>The strength could not be checked; try again.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="177" />
        <source>{what} strength</source>
        <translation>{what} strength</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="178" />
        <source>Nothing typed yet.</source>
        <translation>Nothing typed yet.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="179" />
        <source>Strength: type to see how hard it is to guess.</source>
        <translation>Strength: type to see how hard it is to guess.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="188" />
        <source>Time to guess it: {time}.</source>
        <translation>Time to guess it: {time}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="195" />
        <source>{what} strength: {label}</source>
        <translation>{what} strength: {label}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="197" />
        <source>Strength: {label}</source>
        <translation>Strength: {label}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="199" />
        <source>{what} strength: {label}.</source>
        <translation>{what} strength: {label}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="300" />
        <source>Choose a {noun}.</source>
        <translation>Choose a {noun}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="302" />
        <source>The {noun} {problem}.</source>
        <translation>The {noun} {problem}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="305" />
        <source>It is too easy to guess.</source>
        <translation>It is too easy to guess.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="306" />
        <source>This {noun} is too weak ({label}): {why}</source>
        <translation>This {noun} is too weak ({label}): {why}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="310" />
        <source>This {noun} is only of fair strength: choose a stronger one, or tick “Use it anyway”.</source>
        <translation>This {noun} is only of fair strength: choose a stronger one, or tick “Use it anyway”.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="313" />
        <source>Type the {noun} again to confirm it.</source>
        <translation>Type the {noun} again to confirm it.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/strength_meter.py" line="315" />
        <source>The two {nouns} differ; type the same one twice.</source>
        <translation>The two {nouns} differ; type the same one twice.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="22" />
        <location filename="../../veilor_installer/gui/pages/summary.py" line="29" />
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="75" />
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="76" />
        <source>Read this before you go on: nothing has been changed yet.</source>
        <translation>Read this before you go on: nothing has been changed yet.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="93" />
        <source>Preparing the summary…</source>
        <translation>Preparing the summary…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="116" />
        <source>Nothing is written to a disk until you confirm on the next page.</source>
        <translation>Nothing is written to a disk until you confirm on the next page.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="118" />
        <source>These disks will be erased completely:</source>
        <translation>These disks will be erased completely:</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="122" />
        <source>Everything on them, every system and file listed above, is lost.</source>
        <translation>Everything on them, every system and file listed above, is lost.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="135" />
        <source>Go back to “{page}” to change it.</source>
        <translation>Go back to “{page}” to change it.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="137" />
        <source>The plan cannot be made.</source>
        <translation>The plan cannot be made.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="142" />
        <source>Preparing…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="151" />
        <source>an EFI system partition of {size} MiB</source>
        <translation>an EFI system partition of {size} MiB</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="152" />
        <source>a 1 MiB BIOS boot partition</source>
        <translation>a 1 MiB BIOS boot partition</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="154" />
        <source>On {disk}: {platform} and /boot ({size} GiB, not encrypted: it holds only the kernel).</source>
        <translation>On {disk}: {platform} and /boot ({size} GiB, not encrypted: it holds only the kernel).</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="156" />
        <source>Encrypted with LUKS2 (argon2id): btrfs with / , /home and /var — {layout}.</source>
        <translation>Encrypted with LUKS2 (argon2id): btrfs with / , /home and /var — {layout}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="160" />
        <source>{disk}: encrypted storage at {mount}.</source>
        <translation>{disk}: encrypted storage at {mount}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="163" />
        <source>System image: {ref}, signed; updates follow {update}.</source>
        <translation>System image: {ref}, signed; updates follow {update}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="165" />
        <source>Account: {user}{name}, an administrator; root login is locked.</source>
        <translation>Account: {user}{name}, an administrator; root login is locked.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/summary.py" line="167" />
        <source>Computer name: {host}. Language {lang}, keyboard {kbd}, time zone {tz}.</source>
        <translation>Computer name: {host}. Language {lang}, keyboard {kbd}, time zone {tz}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/timezone.py" line="40" />
        <source>Time zone</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/timezone.py" line="41" />
        <source>The clock of the installed system follows this time zone.</source>
        <translation>The clock of the installed system follows this time zone.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/timezone.py" line="44" />
        <source>Time zone: {text}.</source>
        <translation>Time zone: {text}.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/timezone.py" line="45" />
        <source>No time zone matches “{text}”.</source>
        <translation>No time zone matches “{text}”.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/timezone.py" line="46" />
        <source>Loading the time zones…</source>
        <translation>Loading the time zones…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/timezone.py" line="101" />
        <source>In {zone} it is now {time} on {day} ({offset}).</source>
        <translation>In {zone} it is now {time} on {day} ({offset}).</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/timezone.py" line="118" />
        <source>Could not read the list of time zones: {why}</source>
        <translation>Could not read the list of time zones: {why}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/timezone.py" line="123" />
        <source>Choose a time zone from the list.</source>
        <translation>Choose a time zone from the list.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="23" />
        <source>Install veilor-os on this computer.</source>
        <translation>Install veilor-os on this computer.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="44" />
        <source>Checking this computer…</source>
        <translation>Checking this computer…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="53" />
        <source>Checked.</source>
        <translation>Checked.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="63" />
        <source>Could not read the disks: {why}</source>
        <translation>Could not read the disks: {why}</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="64" />
        <source>Press Check again; if it keeps failing, save the logs.</source>
        <translation>Press Check again; if it keeps failing, save the logs.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="72" />
        <source>Network</source>
        <translation>Network</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="103" />
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/pages/welcome.py" line="106" />
        <source>veilor-os cannot be installed until this is fixed: </source>
        <translation>veilor-os cannot be installed until this is fixed: </translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="39" />
        <source>Starting the camera…</source>
        <translation>Starting the camera…</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="40" />
        <source>Hold the QR code from your Veilor signup page up to the camera.</source>
        <translation>Hold the QR code from your Veilor signup page up to the camera.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="41" />
        <source>No camera was found. Connect one and try again, or paste the key instead.</source>
        <translation>No camera was found. Connect one and try again, or paste the key instead.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="43" />
        <source>The camera is in use by another program. Close that program and try again, or paste the key instead.</source>
        <translation>The camera is in use by another program. Close that program and try again, or paste the key instead.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="45" />
        <source>This account may not use the camera. Paste the key instead, or ask the computer's administrator for access.</source>
        <translation>This account may not use the camera. Paste the key instead, or ask the computer's administrator for access.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="47" />
        <source>The camera was disconnected. Plug it in again and try again, or paste the key instead.</source>
        <translation>The camera was disconnected. Plug it in again and try again, or paste the key instead.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="49" />
        <source>The video ended without a QR code. Try again, or paste the key instead.</source>
        <translation>The video ended without a QR code. Try again, or paste the key instead.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="51" />
        <source>The camera could not be used. Try again, or paste the key instead.</source>
        <translation>The camera could not be used. Try again, or paste the key instead.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="52" />
        <source>The camera is off.</source>
        <translation>The camera is off.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="77" />
        <source>Camera preview</source>
        <translation>Camera preview</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="175" />
        <source>Camera status</source>
        <translation>Camera status</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="177" />
        <source>&amp;Try again</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="178" />
        <source>Try the camera again</source>
        <translation>Try the camera again</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="181" />
        <source>&amp;Paste the key instead</source>
        <translation>&amp;Paste the key instead</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="182" />
        <source>Paste the key instead of scanning</source>
        <translation>Paste the key instead of scanning</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/qrscanner.py" line="287" />
        <source>QR code read.</source>
        <translation>QR code read.</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/wizard.py" line="56" />
        <source>Install veilor-os</source>
        <translation>Install veilor-os</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/wizard.py" line="70" />
        <source>Installation steps</source>
        <translation>Installation steps</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/wizard.py" line="80" />
        <source>&amp;Next</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/wizard.py" line="81" />
        <source>&amp;Back</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../veilor_installer/gui/wizard.py" line="82" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
</context>
</TS>
