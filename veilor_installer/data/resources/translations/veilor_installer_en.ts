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
    <name>FirstbootApplyForm</name>
    <message>
        <location filename="../../ui/firstboot_apply.ui" line="0" />
        <source>Steps and how each went</source>
        <translation>Steps and how each went</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_apply.ui" line="0" />
        <source>&amp;Retry the failed steps</source>
        <translation>&amp;Retry the failed steps</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_apply.ui" line="0" />
        <source>Retry only the steps that failed</source>
        <translation>Retry only the steps that failed</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_apply.ui" line="0" />
        <source>Show the &amp;output</source>
        <translation>Show the &amp;output</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_apply.ui" line="0" />
        <source>Show the output of the selected step</source>
        <translation>Show the output of the selected step</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_apply.ui" line="0" />
        <source>Output of the selected step</source>
        <translation>Output of the selected step</translation>
    </message>
</context>
<context>
    <name>FirstbootBrowsersForm</name>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>Browsers</source>
        <translation>Browsers</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>Trivalent is veilor-os's browser and stays. You can add others next to it.</source>
        <translation>Trivalent is veilor-os's browser and stays. You can add others next to it.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>Trivalent (the default browser)</source>
        <translation>Trivalent (the default browser)</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>Trivalent, the default browser, always installed</source>
        <translation>Trivalent, the default browser, always installed</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>secureblue's hardened Chromium, confined by SELinux and updated with the system. It is always installed.</source>
        <translation>secureblue's hardened Chromium, confined by SELinux and updated with the system. It is always installed.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>&amp;Mullvad Browser</source>
        <translation>&amp;Mullvad Browser</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>Install Mullvad Browser</source>
        <translation>Install Mullvad Browser</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>Tor Browser's protections against tracking, without the Tor network. Installed from Mullvad's signed repository; ready after a restart.</source>
        <translation>Tor Browser's protections against tracking, without the Tor network. Installed from Mullvad's signed repository; ready after a restart.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>T&amp;horium</source>
        <translation>T&amp;horium</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>Install Thorium</source>
        <translation>Install Thorium</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>A fast Chromium build made by one person. Read the warning before you choose it.</source>
        <translation>A fast Chromium build made by one person. Read the warning before you choose it.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>Warning: Thorium is patched late</source>
        <translation>Warning: Thorium is patched late</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>Thorium gets Chromium's security fixes weeks to months late: its version 130 came out 118 days after Chromium's. All that time, websites can attack holes that are already known and fixed everywhere else. Use Trivalent or Mullvad Browser unless you really need Thorium.</source>
        <translation>Thorium gets Chromium's security fixes weeks to months late: its version 130 came out 118 days after Chromium's. All that time, websites can attack holes that are already known and fixed everywhere else. Use Trivalent or Mullvad Browser unless you really need Thorium.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>I have read this and &amp;want Thorium anyway</source>
        <translation>I have read this and &amp;want Thorium anyway</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_browsers.ui" line="0" />
        <source>I have read the warning and want Thorium anyway</source>
        <translation>I have read the warning and want Thorium anyway</translation>
    </message>
</context>
<context>
    <name>FirstbootConfirmForm</name>
    <message>
        <location filename="../../ui/firstboot_confirm.ui" line="0" />
        <source>Check that this is the code you meant to use. This computer will sign in to this server with it.</source>
        <translation>Check that this is the code you meant to use. This computer will sign in to this server with it.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_confirm.ui" line="0" />
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_confirm.ui" line="0" />
        <source>Signature:</source>
        <translation>Signature:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_confirm.ui" line="0" />
        <source>Tier:</source>
        <translation>Tier:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_confirm.ui" line="0" />
        <source>Label:</source>
        <translation>Label:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_confirm.ui" line="0" />
        <source>Expires:</source>
        <translation>Expires:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_confirm.ui" line="0" />
        <source>Key:</source>
        <translation>Key:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_confirm.ui" line="0" />
        <source>Nothing has changed yet. This computer joins the mesh when you press Apply, after your other choices.</source>
        <translation>Nothing has changed yet. This computer joins the mesh when you press Apply, after your other choices.</translation>
    </message>
</context>
<context>
    <name>FirstbootDoneForm</name>
    <message>
        <location filename="../../ui/firstboot_done.ui" line="0" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_done.ui" line="0" />
        <source>This setup does not open by itself again. To change something or try a step again, choose “veilor-os setup” in the application menu.</source>
        <translation>This setup does not open by itself again. To change something or try a step again, choose “veilor-os setup” in the application menu.</translation>
    </message>
</context>
<context>
    <name>FirstbootJoinForm</name>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>The Veilor mesh connects your computers and Veilor's services to each other, encrypted, wherever they are. Scan the QR code from your Veilor signup page, or paste the key it shows.</source>
        <translation>The Veilor mesh connects your computers and Veilor's services to each other, encrypted, wherever they are. Scan the QR code from your Veilor signup page, or paste the key it shows.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>How to give the key</source>
        <translation>How to give the key</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>&amp;Scan QR code</source>
        <translation>&amp;Scan QR code</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>C&amp;amera:</source>
        <translation>C&amp;amera:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>Scan a&amp;gain</source>
        <translation>Scan a&amp;gain</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>Scan another QR code</source>
        <translation>Scan another QR code</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>Paste &amp;key</source>
        <translation>Paste &amp;key</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>The pre-auth key or the veilor:join code from your signup page:</source>
        <translation>The pre-auth key or the veilor:join code from your signup page:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>Pre-auth key or join code</source>
        <translation>Pre-auth key or join code</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>Sho&amp;w it</source>
        <translation>Sho&amp;w it</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>Show the key</source>
        <translation>Show the key</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>A pre-auth key is 48 letters and digits, or starts with hskey-auth-; a code starts with veilor:join. It is checked as you type; nothing is sent anywhere yet.</source>
        <translation>A pre-auth key is 48 letters and digits, or starts with hskey-auth-; a code starts with veilor:join. It is checked as you type; nothing is sent anywhere yet.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>Skip the &amp;mesh for now</source>
        <translation>Skip the &amp;mesh for now</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_join.ui" line="0" />
        <source>Skip joining the mesh for now</source>
        <translation>Skip joining the mesh for now</translation>
    </message>
</context>
<context>
    <name>FirstbootReticulumForm</name>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Reticulum</source>
        <translation>Reticulum</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Reticulum is a networking stack that needs no servers: it carries messages over the internet, your local network, or LoRa radios, even where there is no internet at all.</source>
        <translation>Reticulum is a networking stack that needs no servers: it carries messages over the internet, your local network, or LoRa radios, even where there is no internet at all.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Install &amp;Reticulum</source>
        <translation>Install &amp;Reticulum</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Install Reticulum</source>
        <translation>Install Reticulum</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Installs rnsd and its tools, set up to reach Veilor's backbone and your local network. rnsd is not started: start it with “systemctl start rnsd” when you want it.</source>
        <translation>Installs rnsd and its tools, set up to reach Veilor's backbone and your local network. rnsd is not started: start it with “systemctl start rnsd” when you want it.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Also set up an RNode &amp;LoRa radio</source>
        <translation>Also set up an RNode &amp;LoRa radio</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Also set up an RNode LoRa radio</source>
        <translation>Also set up an RNode LoRa radio</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Serial &amp;port:</source>
        <translation>Serial &amp;port:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Serial port of the RNode</source>
        <translation>Serial port of the RNode</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Re&amp;gion:</source>
        <translation>Re&amp;gion:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Radio region</source>
        <translation>Radio region</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>The radio keeps to the frequencies and power allowed there.</source>
        <translation>The radio keeps to the frequencies and power allowed there.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_reticulum.ui" line="0" />
        <source>veilor-os installs Reticulum from RetiNet, a fork under the AGPL, free software, that speaks the same protocol. Upstream Reticulum is not used: since version 0.9.5 its licence, the Reticulum License, restricts how it may be used. The RetiNet package is the one this image names, and its checksum is checked before it is installed.</source>
        <translation>veilor-os installs Reticulum from RetiNet, a fork under the AGPL, free software, that speaks the same protocol. Upstream Reticulum is not used: since version 0.9.5 its licence, the Reticulum License, restricts how it may be used. The RetiNet package is the one this image names, and its checksum is checked before it is installed.</translation>
    </message>
</context>
<context>
    <name>FirstbootSummaryForm</name>
    <message>
        <location filename="../../ui/firstboot_summary.ui" line="0" />
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_summary.ui" line="0" />
        <source>Apply runs these steps one after the other and shows how each went. It asks once for an administrator's password.</source>
        <translation>Apply runs these steps one after the other and shows how each went. It asks once for an administrator's password.</translation>
    </message>
</context>
<context>
    <name>FirstbootUnlockForm</name>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>Disk unlock</source>
        <translation>Disk unlock</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>The disk is encrypted, and you type its passphrase at every start. Instead, it can unlock with this computer's TPM2 chip or with a FIDO2 security key. The passphrase keeps working either way.</source>
        <translation>The disk is encrypted, and you type its passphrase at every start. Instead, it can unlock with this computer's TPM2 chip or with a FIDO2 security key. The passphrase keeps working either way.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>&amp;Keep typing the passphrase only</source>
        <translation>&amp;Keep typing the passphrase only</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>Keep the passphrase only</source>
        <translation>Keep the passphrase only</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>TPM&amp;2 chip: unlocks by itself</source>
        <translation>TPM&amp;2 chip: unlocks by itself</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>Unlock with the TPM2 chip</source>
        <translation>Unlock with the TPM2 chip</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>TPM2 chip with a P&amp;IN</source>
        <translation>TPM2 chip with a P&amp;IN</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>Unlock with the TPM2 chip and a PIN</source>
        <translation>Unlock with the TPM2 chip and a PIN</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>&amp;FIDO2 security key</source>
        <translation>&amp;FIDO2 security key</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>Unlock with a FIDO2 security key</source>
        <translation>Unlock with a FIDO2 security key</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>This computer has no TPM2 chip, or it is turned off in the firmware settings.</source>
        <translation>This computer has no TPM2 chip, or it is turned off in the firmware settings.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>Disk pass&amp;phrase:</source>
        <translation>Disk pass&amp;phrase:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>The disk's current passphrase</source>
        <translation>The disk's current passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>Ne&amp;w PIN:</source>
        <translation>Ne&amp;w PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>C&amp;onfirm the PIN:</source>
        <translation>C&amp;onfirm the PIN:</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_unlock.ui" line="0" />
        <source>Confirm the PIN</source>
        <translation>Confirm the PIN</translation>
    </message>
</context>
<context>
    <name>FirstbootWelcomeForm</name>
    <message>
        <location filename="../../ui/firstboot_welcome.ui" line="0" />
        <source>veilor-os logo</source>
        <translation>veilor-os logo</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_welcome.ui" line="0" />
        <source>Welcome to veilor-os. A few choices finish setting up this computer: joining the Veilor mesh, a fallback network, optional browsers and tools, and how the disk unlocks.</source>
        <translation>Welcome to veilor-os. A few choices finish setting up this computer: joining the Veilor mesh, a fallback network, optional browsers and tools, and how the disk unlocks.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_welcome.ui" line="0" />
        <source>Nothing changes until you press Apply on the Summary page. Then each step runs in turn and shows how it went; a step that fails can be tried again on its own.</source>
        <translation>Nothing changes until you press Apply on the Summary page. Then each step runs in turn and shows how it went; a step that fails can be tried again on its own.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_welcome.ui" line="0" />
        <source>Applying asks once for an administrator's password: it changes the whole computer, not only your account.</source>
        <translation>Applying asks once for an administrator's password: it changes the whole computer, not only your account.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_welcome.ui" line="0" />
        <source>This opens once, after your first login. To open it again later, choose “veilor-os setup” in the application menu.</source>
        <translation>This opens once, after your first login. To open it again later, choose “veilor-os setup” in the application menu.</translation>
    </message>
</context>
<context>
    <name>FirstbootYggdrasilForm</name>
    <message>
        <location filename="../../ui/firstboot_yggdrasil.ui" line="0" />
        <source>Yggdrasil is a second, independent encrypted network. When the mesh server cannot be reached, veilor-os computers still find each other through it.</source>
        <translation>Yggdrasil is a second, independent encrypted network. When the mesh server cannot be reached, veilor-os computers still find each other through it.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_yggdrasil.ui" line="0" />
        <source>&amp;Turn on the Yggdrasil fallback (recommended)</source>
        <translation>&amp;Turn on the Yggdrasil fallback (recommended)</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_yggdrasil.ui" line="0" />
        <source>Turn on the Yggdrasil fallback</source>
        <translation>Turn on the Yggdrasil fallback</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_yggdrasil.ui" line="0" />
        <source>It connects to one peer only, Veilor's, checked by its key. It takes no incoming connections and does not announce this computer on your local network. Its address is made from a key that stays on this computer.</source>
        <translation>It connects to one peer only, Veilor's, checked by its key. It takes no incoming connections and does not announce this computer on your local network. Its address is made from a key that stays on this computer.</translation>
    </message>
    <message>
        <location filename="../../ui/firstboot_yggdrasil.ui" line="0" />
        <source>Off: when the mesh server cannot be reached, this computer is cut off from your other veilor-os computers.</source>
        <translation>Off: when the mesh server cannot be reached, this computer is cut off from your other veilor-os computers.</translation>
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
        <location filename="../../../gui/firstboot/apply.py" line="50" />
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="50" />
        <source>running</source>
        <translation>running</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="50" />
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="51" />
        <source>done, with a warning</source>
        <translation>done, with a warning</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="155" />
        <location filename="../../../gui/install/install.py" line="273" />
        <location filename="../../../gui/firstboot/apply.py" line="51" />
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="58" />
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="60" />
        <source>Waiting for its turn.</source>
        <translation>Waiting for its turn.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="63" />
        <source>It failed.</source>
        <translation>It failed.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="67" />
        <source>Done.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="88" />
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="89" />
        <source>Each step in turn, and how it went.</source>
        <translation>Each step in turn, and how it went.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="34" />
        <location filename="../../../gui/firstboot/apply.py" line="106" />
        <source>These choices cannot be applied: {why}</source>
        <translation>These choices cannot be applied: {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="135" />
        <source>A step is running: wait until it ends, then quit.</source>
        <translation>A step is running: wait until it ends, then quit.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="152" />
        <source>Setting up this computer. You may be asked for an administrator's password.</source>
        <translation>Setting up this computer. You may be asked for an administrator's password.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="198" />
        <source>The step could not be run: {why}</source>
        <translation>The step could not be run: {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="228" />
        <source>Not run: no administrator's password was given.</source>
        <translation>Not run: no administrator's password was given.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="240" />
        <source>There was nothing to apply.</source>
        <translation>There was nothing to apply.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="243" />
        <source>Not done: {steps}. Retry runs only the failed steps; the others stay as they are. Or go Back and change a choice.</source>
        <translation>Not done: {steps}. Retry runs only the failed steps; the others stay as they are. Or go Back and change a choice.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/apply.py" line="250" />
        <source>Everything is set up.</source>
        <translation>Everything is set up.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/done.py" line="59" />
        <location filename="../../../gui/firstboot/apply.py" line="256" />
        <source>Restart the computer to use: {what}.</source>
        <translation>Restart the computer to use: {what}.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/base.py" line="27" />
        <source>Demo: fake programs stand in for tailscale, systemctl, rpm-ostree and the rest, so nothing on this computer changes. The QR code is signed by a demo key that no real veilor-os trusts.</source>
        <translation>Demo: fake programs stand in for tailscale, systemctl, rpm-ostree and the rest, so nothing on this computer changes. The QR code is signed by a demo key that no real veilor-os trusts.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/base.py" line="34" />
        <source>Demo notice</source>
        <translation>Demo notice</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/browsers.py" line="17" />
        <source>Browsers</source>
        <translation>Browsers</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/browsers.py" line="18" />
        <source>Trivalent stays; add another if you want.</source>
        <translation>Trivalent stays; add another if you want.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/browsers.py" line="47" />
        <source>Confirm that you read the warning, or untick Thorium.</source>
        <translation>Confirm that you read the warning, or untick Thorium.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="22" />
        <source>expired</source>
        <translation>expired</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="24" />
        <source>in less than a minute</source>
        <translation>in less than a minute</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="27" />
        <source>in 1 minute</source>
        <translation>in 1 minute</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="27" />
        <source>in {n} minutes</source>
        <translation>in {n} minutes</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="30" />
        <source>in 1 hour</source>
        <translation>in 1 hour</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="30" />
        <source>in {n} hours</source>
        <translation>in {n} hours</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="31" />
        <source>in {n} days</source>
        <translation>in {n} days</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="19" />
        <location filename="../../../gui/firstboot/confirm.py" line="44" />
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="45" />
        <source>The mesh this computer will join.</source>
        <translation>The mesh this computer will join.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="46" />
        <source>&amp;Use this code</source>
        <translation>&amp;Use this code</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="64" />
        <source>This code can no longer be used: {reason}. Go Back to scan or paste a new one.</source>
        <translation>This code can no longer be used: {reason}. Go Back to scan or paste a new one.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="259" />
        <location filename="../../../gui/firstboot/join.py" line="227" />
        <location filename="../../../gui/firstboot/confirm.py" line="67" />
        <source>The code cannot be checked: {why}</source>
        <translation>The code cannot be checked: {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="83" />
        <source>{server} — signs in at {url}; a server this computer is pinned to</source>
        <translation>{server} — signs in at {url}; a server this computer is pinned to</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="87" />
        <source>None: a bare key, which is only ever used with the default server.</source>
        <translation>None: a bare key, which is only ever used with the default server.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="90" />
        <source>Verified: signed by {signer}, a signer this computer trusts</source>
        <translation>Verified: signed by {signer}, a signer this computer trusts</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="95" />
        <source>{relative} ({time})</source>
        <translation>{relative} ({time})</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="99" />
        <source>{signer} is a demo key, made for the demo and kept apart in {folder}. No real veilor-os computer trusts it.</source>
        <translation>{signer} is a demo key, made for the demo and kept apart in {folder}. No real veilor-os computer trusts it.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/confirm.py" line="107" />
        <source>There is no code to use. Go Back to scan or paste one.</source>
        <translation>There is no code to use. Go Back to scan or paste one.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/done.py" line="21" />
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/done.py" line="22" />
        <source>What is set up now.</source>
        <translation>What is set up now.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/done.py" line="34" />
        <source>Some steps did not work.</source>
        <translation>Some steps did not work.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/done.py" line="34" />
        <source>veilor-os is set up.</source>
        <translation>veilor-os is set up.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/done.py" line="40" />
        <source>in the mesh at {server}, as {addresses}</source>
        <translation>in the mesh at {server}, as {addresses}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/done.py" line="43" />
        <source>this computer's Yggdrasil address is {address}</source>
        <translation>this computer's Yggdrasil address is {address}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/done.py" line="51" />
        <source>skipped. Join later from the menu, or with veilor-installer mesh join.</source>
        <translation>skipped. Join later from the menu, or with veilor-installer mesh join.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/done.py" line="54" />
        <source>Nothing was changed.</source>
        <translation>Nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="50" />
        <source>A code for {server}, signed by {signer}, for {label} ({tier}).</source>
        <translation>A code for {server}, signed by {signer}, for {label} ({tier}).</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="52" />
        <source>A key for {server}, the default server.</source>
        <translation>A key for {server}, the default server.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="37" />
        <location filename="../../../gui/firstboot/join.py" line="60" />
        <source>Join the mesh</source>
        <translation>Join the mesh</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="61" />
        <source>Scan the QR code or paste the key from your Veilor signup page.</source>
        <translation>Scan the QR code or paste the key from your Veilor signup page.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="72" />
        <source>Looking for cameras…</source>
        <translation>Looking for cameras…</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="81" />
        <source>Without the mesh, this computer cannot reach Veilor's services or your other Veilor computers, and they cannot reach it; the Yggdrasil fallback, if on, stays its only link to Veilor. You can join later: open “veilor-os setup” from the menu, or run veilor-installer mesh join in a terminal.</source>
        <translation>Without the mesh, this computer cannot reach Veilor's services or your other Veilor computers, and they cannot reach it; the Yggdrasil fallback, if on, stays its only link to Veilor. You can join later: open “veilor-os setup” from the menu, or run veilor-installer mesh join in a terminal.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="117" />
        <source>Scan the QR code, paste the key, or skip the mesh.</source>
        <translation>Scan the QR code, paste the key, or skip the mesh.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="122" />
        <source>Paste the key or code, scan it, or skip the mesh.</source>
        <translation>Paste the key or code, scan it, or skip the mesh.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="153" />
        <source>Video file {name}</source>
        <translation>Video file {name}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="159" />
        <source>No camera found</source>
        <translation>No camera found</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="165" />
        <source>No camera was found, so paste the key instead. (To scan after all, connect a camera, then choose Scan QR code and Try again.)</source>
        <translation>No camera was found, so paste the key instead. (To scan after all, connect a camera, then choose Scan QR code and Try again.)</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="203" />
        <source>No camera was found, so paste the key instead.</source>
        <translation>No camera was found, so paste the key instead.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/join.py" line="223" />
        <source>This code cannot be used: {reason}</source>
        <translation>This code cannot be used: {reason}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/reticulum.py" line="20" />
        <source>Europe (868 MHz)</source>
        <translation>Europe (868 MHz)</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/reticulum.py" line="21" />
        <source>United States and Canada (915 MHz)</source>
        <translation>United States and Canada (915 MHz)</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/reticulum.py" line="22" />
        <source>Australia and New Zealand (915 MHz)</source>
        <translation>Australia and New Zealand (915 MHz)</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="16" />
        <location filename="../../../gui/firstboot/reticulum.py" line="31" />
        <source>Reticulum</source>
        <translation>Reticulum</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/reticulum.py" line="32" />
        <source>Optional: networking without servers, down to LoRa radios.</source>
        <translation>Optional: networking without servers, down to LoRa radios.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/reticulum.py" line="39" />
        <source>Serial port of the RNode</source>
        <translation>Serial port of the RNode</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/reticulum.py" line="50" />
        <source>Reticulum isn't available in this image: the image names no RetiNet source (the AGPL fork), and upstream Reticulum is not installed because its licence restricts use.</source>
        <translation>Reticulum isn't available in this image: the image names no RetiNet source (the AGPL fork), and upstream Reticulum is not installed because its licence restricts use.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/reticulum.py" line="55" />
        <source>Reticulum isn't available: {why}</source>
        <translation>Reticulum isn't available: {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/reticulum.py" line="96" />
        <source>Choose the serial port the RNode is on: /dev/ttyUSB0, /dev/ttyACM0 or a name under /dev/serial/by-id/.</source>
        <translation>Choose the serial port the RNode is on: /dev/ttyUSB0, /dev/ttyACM0 or a name under /dev/serial/by-id/.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="81" />
        <location filename="../../../gui/firstboot/summary.py" line="22" />
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="23" />
        <source>Read this before you apply: nothing has changed yet.</source>
        <translation>Read this before you apply: nothing has changed yet.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="24" />
        <source>&amp;Apply</source>
        <translation>&amp;Apply</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="41" />
        <source>done already; not run again</source>
        <translation>done already; not run again</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="45" />
        <source>The mesh: skipped. Veilor's services and your other Veilor computers stay out of reach until you join.</source>
        <translation>The mesh: skipped. Veilor's services and your other Veilor computers stay out of reach until you join.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="48" />
        <source>Yggdrasil: off.</source>
        <translation>Yggdrasil: off.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="49" />
        <source>Trivalent stays the default browser.</source>
        <translation>Trivalent stays the default browser.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="51" />
        <source>Thorium: not installed (its warning was not confirmed).</source>
        <translation>Thorium: not installed (its warning was not confirmed).</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="53" />
        <source>Disk unlock: the passphrase only, as now.</source>
        <translation>Disk unlock: the passphrase only, as now.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="56" />
        <source>Apply will:</source>
        <translation>Apply will:</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="58" />
        <source>There is nothing to apply.</source>
        <translation>There is nothing to apply.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/summary.py" line="59" />
        <source>Left as it is:</source>
        <translation>Left as it is:</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="12" />
        <source>Join the Veilor mesh</source>
        <translation>Join the Veilor mesh</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="13" />
        <source>Yggdrasil fallback</source>
        <translation>Yggdrasil fallback</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="14" />
        <source>Mullvad Browser</source>
        <translation>Mullvad Browser</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="15" />
        <source>Thorium</source>
        <translation>Thorium</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="21" />
        <location filename="../../../gui/firstboot/texts.py" line="17" />
        <source>Disk unlock</source>
        <translation>Disk unlock</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="20" />
        <source>the passphrase only</source>
        <translation>the passphrase only</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="21" />
        <source>the TPM2 chip</source>
        <translation>the TPM2 chip</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="22" />
        <source>the TPM2 chip and a PIN</source>
        <translation>the TPM2 chip and a PIN</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="23" />
        <source>a FIDO2 security key</source>
        <translation>a FIDO2 security key</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="39" />
        <source>Join the mesh at {server} as {label} ({tier}), with the key {key}</source>
        <translation>Join the mesh at {server} as {label} ({tier}), with the key {key}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="41" />
        <source>Join the mesh at {server} with the key {key}</source>
        <translation>Join the mesh at {server} with the key {key}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="44" />
        <source>Set up Yggdrasil and start it</source>
        <translation>Set up Yggdrasil and start it</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="46" />
        <source>Install Mullvad Browser (ready after a restart)</source>
        <translation>Install Mullvad Browser (ready after a restart)</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="48" />
        <source>Install Thorium, its warning read and accepted (ready after a restart)</source>
        <translation>Install Thorium, its warning read and accepted (ready after a restart)</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="51" />
        <source>Install Reticulum, with an RNode on {port} ({region})</source>
        <translation>Install Reticulum, with an RNode on {port} ({region})</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="53" />
        <source>Install Reticulum (rnsd not started)</source>
        <translation>Install Reticulum (rnsd not started)</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/texts.py" line="56" />
        <source>Unlock the disk with {method}; the passphrase keeps working</source>
        <translation>Unlock the disk with {method}; the passphrase keeps working</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="22" />
        <source>How the encrypted disk is unlocked at start-up.</source>
        <translation>How the encrypted disk is unlocked at start-up.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="36" />
        <source>Demo: the demo disk's passphrase is “{passphrase}”.</source>
        <translation>Demo: the demo disk's passphrase is “{passphrase}”.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="60" />
        <source>&amp;Security key PIN:</source>
        <translation>&amp;Security key PIN:</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="61" />
        <source>Ne&amp;w PIN:</source>
        <translation>Ne&amp;w PIN:</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="63" />
        <source>Nothing changes: you type the passphrase at every start.</source>
        <translation>Nothing changes: you type the passphrase at every start.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="64" />
        <source>The chip gives the key only while the firmware, Secure Boot and the start-up keys are unchanged. Anyone who has the computer then reaches the login screen without the passphrase: your account's password guards it from there.</source>
        <translation>The chip gives the key only while the firmware, Secure Boot and the start-up keys are unchanged. Anyone who has the computer then reaches the login screen without the passphrase: your account's password guards it from there.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="68" />
        <source>As with the chip alone, but you type a short PIN at every start. After too many wrong PINs the chip locks itself for a while.</source>
        <translation>As with the chip alone, but you type a short PIN at every start. After too many wrong PINs the chip locks itself for a while.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="71" />
        <source>Plug in your security key when the computer starts, and touch it. Applying asks you to touch it once. If the key has a PIN, type it below: it is then needed at every start too.</source>
        <translation>Plug in your security key when the computer starts, and touch it. Applying asks you to touch it once. If the key has a PIN, type it below: it is then needed at every start too.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="83" />
        <source>Type the disk's passphrase: adding a new way to unlock needs it.</source>
        <translation>Type the disk's passphrase: adding a new way to unlock needs it.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="86" />
        <source>Choose a PIN of at least {limit} characters.</source>
        <translation>Choose a PIN of at least {limit} characters.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="89" />
        <source>The PIN must have at least {limit} characters.</source>
        <translation>The PIN must have at least {limit} characters.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/unlock.py" line="94" />
        <source>The two PINs differ.</source>
        <translation>The two PINs differ.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="26" />
        <location filename="../../../gui/install/summary.py" line="35" />
        <location filename="../../../gui/firstboot/welcome.py" line="18" />
        <source>Welcome</source>
        <translation>Welcome</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/welcome.py" line="19" />
        <source>Finish setting up veilor-os.</source>
        <translation>Finish setting up veilor-os.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/wizard.py" line="38" />
        <source>Set up veilor-os</source>
        <translation>Set up veilor-os</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/wizard.py" line="39" />
        <source>Setup steps</source>
        <translation>Setup steps</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/yggdrasil.py" line="27" />
        <source>Fallback network</source>
        <translation>Fallback network</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/yggdrasil.py" line="28" />
        <source>Yggdrasil, for when the mesh cannot be reached.</source>
        <translation>Yggdrasil, for when the mesh cannot be reached.</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/yggdrasil.py" line="39" />
        <source>No Yggdrasil peer can be used: {why}</source>
        <translation>No Yggdrasil peer can be used: {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/yggdrasil.py" line="41" />
        <source>Peer: {hosts}</source>
        <translation>Peer: {hosts}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/yggdrasil.py" line="44" />
        <source>This computer's Yggdrasil address: {address}</source>
        <translation>This computer's Yggdrasil address: {address}</translation>
    </message>
    <message>
        <location filename="../../../gui/firstboot/yggdrasil.py" line="45" />
        <source>Its address is shown once it is set up, when you press Apply.</source>
        <translation>Its address is shown once it is set up, when you press Apply.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="40" />
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="40" />
        <source>Username</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="41" />
        <source>Computer name</source>
        <translation>Computer name</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="44" />
        <source>{field} is empty; a name like 'veilor' or 'alice-laptop' identifies this computer</source>
        <translation>{field} is empty; a name like 'veilor' or 'alice-laptop' identifies this computer</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="47" />
        <source>{field} is empty; choose a name to log in with, like 'alice'</source>
        <translation>{field} is empty; choose a name to log in with, like 'alice'</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="49" />
        <source>{field} contains an invisible or control character ({character}); remove it</source>
        <translation>{field} contains an invisible or control character ({character}); remove it</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="51" />
        <source>{field} is {size} characters long; at most {limit} are allowed</source>
        <translation>{field} is {size} characters long; at most {limit} are allowed</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="53" />
        <source>{field} may use only letters a–z, digits and '-' (not at the start or end), with dots between parts</source>
        <translation>{field} may use only letters a–z, digits and '-' (not at the start or end), with dots between parts</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="56" />
        <source>{field} may use only lowercase letters a–z, digits, '_' and '-', and must start with a letter or '_'</source>
        <translation>{field} may use only lowercase letters a–z, digits, '_' and '-', and must start with a letter or '_'</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="59" />
        <source>{field} '{name}' is reserved for the system; choose another name</source>
        <translation>{field} '{name}' is reserved for the system; choose another name</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="61" />
        <source>{field} must not end in a number-only part; it would look like an IP address</source>
        <translation>{field} must not end in a number-only part; it would look like an IP address</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="63" />
        <source>{field} must not contain ':' (it separates fields in the account database)</source>
        <translation>{field} must not contain ':' (it separates fields in the account database)</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="35" />
        <location filename="../../../gui/install/account.py" line="78" />
        <source>Your account</source>
        <translation>Your account</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="79" />
        <source>Who uses this computer, and what it is called.</source>
        <translation>Who uses this computer, and what it is called.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="96" />
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../../gui/install/account.py" line="96" />
        <source>passwords</source>
        <translation>passwords</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="20" />
        <source>erase</source>
        <translation>erase</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="22" />
        <source>To go on, type &lt;b&gt;{word}&lt;/b&gt; in the field below.</source>
        <translation>To go on, type &lt;b&gt;{word}&lt;/b&gt; in the field below.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="25" />
        <source>This is a dry run: the disks stay as they are.</source>
        <translation>This is a dry run: the disks stay as they are.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="26" />
        <source>&amp;Write the kickstart</source>
        <translation>&amp;Write the kickstart</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="27" />
        <source>Next, the installer writes the kickstart to {folder}; no disk is touched.</source>
        <translation>Next, the installer writes the kickstart to {folder}; no disk is touched.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="30" />
        <source>The last step before disks are erased.</source>
        <translation>The last step before disks are erased.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="31" />
        <source>&amp;Erase and install</source>
        <translation>&amp;Erase and install</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="32" />
        <source>Erasing starts at once and cannot be undone.</source>
        <translation>Erasing starts at once and cannot be undone.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="39" />
        <source>These disks will be erased:</source>
        <translation>These disks will be erased:</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="54" />
        <source>Type {word} to confirm.</source>
        <translation>Type {word} to confirm.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/confirm.py" line="55" />
        <source>That is not the word shown; type {word}.</source>
        <translation>That is not the word shown; type {word}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="43" />
        <source>{first} and {last}</source>
        <translation>{first} and {last}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="49" />
        <source>a BitLocker volume</source>
        <translation>a BitLocker volume</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="50" />
        <source>holds {systems}</source>
        <translation>holds {systems}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="55" />
        <source>holds one partition with no system we recognise</source>
        <translation>holds one partition with no system we recognise</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="56" />
        <source>holds {count} partitions with no system we recognise</source>
        <translation>holds {count} partitions with no system we recognise</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="58" />
        <source>holds a file system ({fstype})</source>
        <translation>holds a file system ({fstype})</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="59" />
        <source>empty</source>
        <translation>empty</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="65" />
        <source>unknown connection</source>
        <translation>unknown connection</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="67" />
        <source>{connection} hard disk</source>
        <translation>{connection} hard disk</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="69" />
        <source>{connection}, removable</source>
        <translation>{connection}, removable</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="75" />
        <source>{model} — {size}, {connection}</source>
        <translation>{model} — {size}, {connection}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="76" />
        <source>Unnamed disk</source>
        <translation>Unnamed disk</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="78" />
        <source> · by-id: {id}</source>
        <translation> · by-id: {id}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="83" />
        <source>Cannot be used: {reason}.</source>
        <translation>Cannot be used: {reason}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="85" />
        <source>Parts of it are in use right now.</source>
        <translation>Parts of it are in use right now.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="91" />
        <source>Single disk</source>
        <translation>Single disk</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="92" />
        <source>Mirror</source>
        <translation>Mirror</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="93" />
        <source>One pool</source>
        <translation>One pool</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="94" />
        <source>System and data</source>
        <translation>System and data</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="122" />
        <location filename="../../../gui/install/summary.py" line="34" />
        <location filename="../../../gui/install/summary.py" line="33" />
        <location filename="../../../gui/install/disks.py" line="108" />
        <source>Disks</source>
        <translation>Disks</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="109" />
        <source>Where veilor-os goes. Nothing is erased until you confirm at the end.</source>
        <translation>Where veilor-os goes. Nothing is erased until you confirm at the end.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="336" />
        <location filename="../../../gui/install/disks.py" line="192" />
        <source>Reading the disks…</source>
        <translation>Reading the disks…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="205" />
        <source>Could not read the disks: {why}. Press Rescan to try again.</source>
        <translation>Could not read the disks: {why}. Press Rescan to try again.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="227" />
        <source>Found one disk.</source>
        <translation>Found one disk.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="228" />
        <source>Found {count} disks.</source>
        <translation>Found {count} disks.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="233" />
        <source>New: {disks}.</source>
        <translation>New: {disks}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="235" />
        <source>No longer connected, so no longer checked: {disks}.</source>
        <translation>No longer connected, so no longer checked: {disks}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="321" />
        <source>veilor-os and its boot partitions go on {disk}; everything on it is erased.</source>
        <translation>veilor-os and its boot partitions go on {disk}; everything on it is erased.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="324" />
        <source>The boot partitions go on {disk}, the first disk you checked; everything on the {count} checked disks is erased. To start from another disk, uncheck them all and check that one first.</source>
        <translation>The boot partitions go on {disk}, the first disk you checked; everything on the {count} checked disks is erased. To start from another disk, uncheck them all and check that one first.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="338" />
        <source>Check the disk to install veilor-os on.</source>
        <translation>Check the disk to install veilor-os on.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="341" />
        <source>it is not connected</source>
        <translation>it is not connected</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="343" />
        <source>{disk} cannot be used: {reason}. Uncheck it.</source>
        <translation>{disk} cannot be used: {reason}. Uncheck it.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="349" />
        <source>exactly {count} disks</source>
        <translation>exactly {count} disks</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="350" />
        <source>{fewest} to {most} disks</source>
        <translation>{fewest} to {most} disks</translation>
    </message>
    <message>
        <location filename="../../../gui/install/disks.py" line="351" />
        <source>“{layout}” takes {need}, and {count} are checked. Uncheck a disk, or choose another way to use them.</source>
        <translation>“{layout}” takes {need}, and {count} are checked. Uncheck a disk, or choose another way to use them.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="34" />
        <location filename="../../../gui/install/encryption.py" line="36" />
        <source>Encryption</source>
        <translation>Encryption</translation>
    </message>
    <message>
        <location filename="../../../gui/install/encryption.py" line="37" />
        <source>Choose the passphrase that unlocks this computer.</source>
        <translation>Choose the passphrase that unlocks this computer.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="82" />
        <location filename="../../../gui/install/encryption.py" line="49" />
        <source>Passphrase</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../../gui/install/encryption.py" line="49" />
        <source>passphrases</source>
        <translation>passphrases</translation>
    </message>
    <message>
        <location filename="../../../gui/install/encryption.py" line="82" />
        <source>Keyboard at boot: {name} — you will type this passphrase in this layout.</source>
        <translation>Keyboard at boot: {name} — you will type this passphrase in this layout.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/encryption.py" line="85" />
        <source>The passphrase has characters beyond plain ASCII (such as accented letters). They may be hard or impossible to type at the boot prompt with the {name} layout.</source>
        <translation>The passphrase has characters beyond plain ASCII (such as accented letters). They may be hard or impossible to type at the boot prompt with the {name} layout.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/finish.py" line="31" />
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../../gui/install/finish.py" line="32" />
        <source>The installation succeeded.</source>
        <translation>The installation succeeded.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/finish.py" line="50" />
        <source>The logs of this install are in {folder}.</source>
        <translation>The logs of this install are in {folder}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/finish.py" line="61" />
        <source>&amp;Close without restarting</source>
        <translation>&amp;Close without restarting</translation>
    </message>
    <message>
        <location filename="../../../gui/install/finish.py" line="62" />
        <source>“Close without restarting” stops Anaconda: the computer keeps running until you restart it.</source>
        <translation>“Close without restarting” stops Anaconda: the computer keeps running until you restart it.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/shell.py" line="60" />
        <location filename="../../../gui/install/finish.py" line="65" />
        <source>&amp;Close</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <location filename="../../../gui/install/finish.py" line="66" />
        <source>Anaconda has already ended: restart the computer yourself when you are ready.</source>
        <translation>Anaconda has already ended: restart the computer yourself when you are ready.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="509" />
        <location filename="../../../gui/install/finish.py" line="82" />
        <source>The computer cannot be restarted from here: {why}. Restart it yourself.</source>
        <translation>The computer cannot be restarted from here: {why}. Restart it yourself.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="514" />
        <location filename="../../../gui/install/finish.py" line="88" />
        <source>Restarting the computer…</source>
        <translation>Restarting the computer…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="537" />
        <location filename="../../../gui/install/finish.py" line="109" />
        <source>Stopping Anaconda so that the computer does not restart…</source>
        <translation>Stopping Anaconda so that the computer does not restart…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="554" />
        <location filename="../../../gui/install/finish.py" line="124" />
        <source>Anaconda could not be stopped: {why}</source>
        <translation>Anaconda could not be stopped: {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="34" />
        <location filename="../../../gui/install/install.py" line="107" />
        <source>Install</source>
        <translation>Install</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="224" />
        <location filename="../../../gui/install/install.py" line="108" />
        <source>Checks first: nothing is erased until they all pass.</source>
        <translation>Checks first: nothing is erased until they all pass.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="122" />
        <source>&amp;Restart the computer</source>
        <translation>&amp;Restart the computer</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="124" />
        <source>Restart the computer now</source>
        <translation>Restart the computer now</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="184" />
        <source>Installing…</source>
        <translation>Installing…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="226" />
        <source>Starting Anaconda without the checks…</source>
        <translation>Starting Anaconda without the checks…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="229" />
        <source>Checking that the install can succeed, before anything is erased…</source>
        <translation>Checking that the install can succeed, before anything is erased…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="231" />
        <source>The image is looked up on the registry; this can take a minute.</source>
        <translation>The image is looked up on the registry; this can take a minute.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="155" />
        <location filename="../../../gui/install/install.py" line="273" />
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="282" />
        <source>Nothing was changed. Fix what is marked below, then check again.</source>
        <translation>Nothing was changed. Fix what is marked below, then check again.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="284" />
        <source>Not passed: {checks}. Anaconda was not started.</source>
        <translation>Not passed: {checks}. Anaconda was not started.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="300" />
        <source>Anaconda, Fedora's installer, is installing veilor-os.</source>
        <translation>Anaconda, Fedora's installer, is installing veilor-os.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="301" />
        <source>Installing veilor-os. This takes a while; the disks are being changed now.</source>
        <translation>Installing veilor-os. This takes a while; the disks are being changed now.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="303" />
        <source>Starting Anaconda…</source>
        <translation>Starting Anaconda…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="305" />
        <source>You may be asked for the administrator password.</source>
        <translation>You may be asked for the administrator password.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="333" />
        <source>Step {n} of {total}: {task}</source>
        <translation>Step {n} of {total}: {task}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="348" />
        <source>Now: {step}</source>
        <translation>Now: {step}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="363" />
        <source>Done: {step}</source>
        <translation>Done: {step}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="363" />
        <source>Failed: {step}</source>
        <translation>Failed: {step}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="366" />
        <source>Hide the &amp;log</source>
        <translation>Hide the &amp;log</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="366" />
        <source>Show the &amp;log</source>
        <translation>Show the &amp;log</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="383" />
        <source>[… {n} lines not shown here: the log bundle has every line …]</source>
        <translation>[… {n} lines not shown here: the log bundle has every line …]</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="391" />
        <source>Stop the installation?</source>
        <translation>Stop the installation?</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="392" />
        <source>Anaconda is installing. If you stop it now, the disks may already be partitioned: what was on them would be gone, and nothing would start from them until you install again.</source>
        <translation>Anaconda is installing. If you stop it now, the disks may already be partitioned: what was on them would be gone, and nothing would start from them until you install again.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="397" />
        <source>&amp;Stop the installation</source>
        <translation>&amp;Stop the installation</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="398" />
        <source>&amp;Keep installing</source>
        <translation>&amp;Keep installing</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="411" />
        <source>Stopping the installation…</source>
        <translation>Stopping the installation…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="452" />
        <source>The installation did not finish.</source>
        <translation>The installation did not finish.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="471" />
        <source>All the logs of this run, with passwords and passphrases masked, are in &lt;b&gt;{folder}&lt;/b&gt;. Save them before the computer restarts.</source>
        <translation>All the logs of this run, with passwords and passphrases masked, are in &lt;b&gt;{folder}&lt;/b&gt;. Save them before the computer restarts.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="481" />
        <source>The logs could not be gathered; Anaconda's own are in {folder}.</source>
        <translation>The logs could not be gathered; Anaconda's own are in {folder}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="491" />
        <source>Anaconda is restarting the computer now.</source>
        <translation>Anaconda is restarting the computer now.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="494" />
        <source>The computer restarts in {time}.</source>
        <translation>The computer restarts in {time}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="519" />
        <source>The computer could not be restarted: {why}. Restart it yourself.</source>
        <translation>The computer could not be restarted: {why}. Restart it yourself.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="548" />
        <source>Check the network and the image, then start the installer again.</source>
        <translation>Check the network and the image, then start the installer again.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="573" />
        <source>Anaconda may have changed the disks before this happened: treat them as erased.</source>
        <translation>Anaconda may have changed the disks before this happened: treat them as erased.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="574" />
        <source>Nothing was changed on the disks.</source>
        <translation>Nothing was changed on the disks.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="575" />
        <source>veilor-installer itself failed</source>
        <translation>veilor-installer itself failed</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="576" />
        <source>Please report this, with Anaconda's logs, and start the installer again.</source>
        <translation>Please report this, with Anaconda's logs, and start the installer again.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="579" />
        <source>Anaconda's own logs are in {folder}.</source>
        <translation>Anaconda's own logs are in {folder}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="591" />
        <source>Choose the USB stick (or a folder) for the logs</source>
        <translation>Choose the USB stick (or a folder) for the logs</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="597" />
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="603" />
        <source>Saved in &lt;b&gt;{folder}&lt;/b&gt;. Eject the stick before you unplug it.</source>
        <translation>Saved in &lt;b&gt;{folder}&lt;/b&gt;. Eject the stick before you unplug it.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/install.py" line="610" />
        <source>The logs could not be saved there: {why}</source>
        <translation>The logs could not be saved there: {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="33" />
        <location filename="../../../gui/install/language.py" line="162" />
        <source>Language &amp; keyboard</source>
        <translation>Language &amp; keyboard</translation>
    </message>
    <message>
        <location filename="../../../gui/install/language.py" line="163" />
        <source>The keyboard layout chosen here is also the one you type the disk passphrase with at boot.</source>
        <translation>The keyboard layout chosen here is also the one you type the disk passphrase with at boot.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/language.py" line="167" />
        <source>Language: {text}.</source>
        <translation>Language: {text}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/language.py" line="168" />
        <source>No language matches “{text}”.</source>
        <translation>No language matches “{text}”.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/language.py" line="169" />
        <source>Loading the languages…</source>
        <translation>Loading the languages…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/language.py" line="172" />
        <source>Keyboard: {text}.</source>
        <translation>Keyboard: {text}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/language.py" line="173" />
        <source>No keyboard layout matches “{text}”.</source>
        <translation>No keyboard layout matches “{text}”.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/language.py" line="174" />
        <source>Loading the keyboard layouts…</source>
        <translation>Loading the keyboard layouts…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/language.py" line="232" />
        <source>Could not read the lists of languages and keyboard layouts: {why}</source>
        <translation>Could not read the lists of languages and keyboard layouts: {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/timezone.py" line="121" />
        <location filename="../../../gui/install/language.py" line="235" />
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/language.py" line="238" />
        <source>Choose a language from the list.</source>
        <translation>Choose a language from the list.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/language.py" line="240" />
        <source>Choose a keyboard layout from the list: it is the one you type the disk passphrase with at boot.</source>
        <translation>Choose a keyboard layout from the list: it is the one you type the disk passphrase with at boot.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="20" />
        <source>partition and format the disks named on the Summary page (LUKS2, btrfs)</source>
        <translation>partition and format the disks named on the Summary page (LUKS2, btrfs)</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="21" />
        <source>pull and verify the signed image</source>
        <translation>pull and verify the signed image</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="22" />
        <source>create your account and lock root</source>
        <translation>create your account and lock root</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="23" />
        <source>install the boot loader and point updates at the signed image</source>
        <translation>install the boot loader and point updates at the signed image</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="35" />
        <source>Dry run: writing the kickstart.</source>
        <translation>Dry run: writing the kickstart.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="53" />
        <source>Writing the kickstart…</source>
        <translation>Writing the kickstart…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="70" />
        <source>Dry run finished. No disk was touched.</source>
        <translation>Dry run finished. No disk was touched.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="73" />
        <source>The kickstart is in &lt;b&gt;{ks}&lt;/b&gt;.&lt;br/&gt;The passphrase is in &lt;b&gt;{secrets}&lt;/b&gt; (readable only by you): delete it when you are done.</source>
        <translation>The kickstart is in &lt;b&gt;{ks}&lt;/b&gt;.&lt;br/&gt;The passphrase is in &lt;b&gt;{secrets}&lt;/b&gt; (readable only by you): delete it when you are done.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="77" />
        <source>A live install would now have Anaconda:</source>
        <translation>A live install would now have Anaconda:</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="84" />
        <source>The kickstart could not be written: {why}</source>
        <translation>The kickstart could not be written: {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="85" />
        <source>Nothing was written.</source>
        <translation>Nothing was written.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/progress.py" line="91" />
        <source>Writing…</source>
        <translation>Writing…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="82" />
        <source>Read this before you go on: nothing has been changed yet.</source>
        <translation>Read this before you go on: nothing has been changed yet.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="99" />
        <source>Preparing the summary…</source>
        <translation>Preparing the summary…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="122" />
        <source>Nothing is written to a disk until you confirm on the next page.</source>
        <translation>Nothing is written to a disk until you confirm on the next page.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="124" />
        <source>These disks will be erased completely:</source>
        <translation>These disks will be erased completely:</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="128" />
        <source>Everything on them, every system and file listed above, is lost.</source>
        <translation>Everything on them, every system and file listed above, is lost.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="141" />
        <source>Go back to “{page}” to change it.</source>
        <translation>Go back to “{page}” to change it.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="143" />
        <source>The plan cannot be made.</source>
        <translation>The plan cannot be made.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="148" />
        <source>Preparing…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="157" />
        <source>an EFI system partition of {size} MiB</source>
        <translation>an EFI system partition of {size} MiB</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="158" />
        <source>a 1 MiB BIOS boot partition</source>
        <translation>a 1 MiB BIOS boot partition</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="160" />
        <source>On {disk}: {platform} and /boot ({size} GiB, not encrypted: it holds only the kernel).</source>
        <translation>On {disk}: {platform} and /boot ({size} GiB, not encrypted: it holds only the kernel).</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="162" />
        <source>Encrypted with LUKS2 (argon2id): btrfs with / , /home and /var — {layout}.</source>
        <translation>Encrypted with LUKS2 (argon2id): btrfs with / , /home and /var — {layout}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="166" />
        <source>{disk}: encrypted storage at {mount}.</source>
        <translation>{disk}: encrypted storage at {mount}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="169" />
        <source>System image: {ref}, signed; updates follow {update}.</source>
        <translation>System image: {ref}, signed; updates follow {update}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="171" />
        <source>Account: {user}{name}, an administrator; root login is locked.</source>
        <translation>Account: {user}{name}, an administrator; root login is locked.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/summary.py" line="173" />
        <source>Computer name: {host}. Language {lang}, keyboard {kbd}, time zone {tz}.</source>
        <translation>Computer name: {host}. Language {lang}, keyboard {kbd}, time zone {tz}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/timezone.py" line="40" />
        <source>Time zone</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <location filename="../../../gui/install/timezone.py" line="41" />
        <source>The clock of the installed system follows this time zone.</source>
        <translation>The clock of the installed system follows this time zone.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/timezone.py" line="44" />
        <source>Time zone: {text}.</source>
        <translation>Time zone: {text}.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/timezone.py" line="45" />
        <source>No time zone matches “{text}”.</source>
        <translation>No time zone matches “{text}”.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/timezone.py" line="46" />
        <source>Loading the time zones…</source>
        <translation>Loading the time zones…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/timezone.py" line="101" />
        <source>In {zone} it is now {time} on {day} ({offset}).</source>
        <translation>In {zone} it is now {time} on {day} ({offset}).</translation>
    </message>
    <message>
        <location filename="../../../gui/install/timezone.py" line="118" />
        <source>Could not read the list of time zones: {why}</source>
        <translation>Could not read the list of time zones: {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/timezone.py" line="123" />
        <source>Choose a time zone from the list.</source>
        <translation>Choose a time zone from the list.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="27" />
        <source>Install veilor-os on this computer.</source>
        <translation>Install veilor-os on this computer.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="46" />
        <source>The image on this USB stick cannot be used ({why}): the image is downloaded instead.</source>
        <translation>The image on this USB stick cannot be used ({why}): the image is downloaded instead.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="55" />
        <source>Where the system comes from</source>
        <translation>Where the system comes from</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="59" />
        <source>From this USB stick, no network needed: {ref}, {digest}</source>
        <translation>From this USB stick, no network needed: {ref}, {digest}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="62" />
        <source>Install from this USB stick: {ref}, digest {digest}</source>
        <translation>Install from this USB stick: {ref}, digest {digest}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="65" />
        <source>Download it, signature checked: {ref} (needs a network)</source>
        <translation>Download it, signature checked: {ref} (needs a network)</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="68" />
        <source>Download the image: {ref}</source>
        <translation>Download the image: {ref}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="103" />
        <source>Checking this computer…</source>
        <translation>Checking this computer…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="112" />
        <source>Checked.</source>
        <translation>Checked.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="122" />
        <source>Could not read the disks: {why}</source>
        <translation>Could not read the disks: {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="123" />
        <source>Press Check again; if it keeps failing, save the logs.</source>
        <translation>Press Check again; if it keeps failing, save the logs.</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="131" />
        <source>Network</source>
        <translation>Network</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="163" />
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../../gui/install/welcome.py" line="167" />
        <source>veilor-os cannot be installed until this is fixed: </source>
        <translation>veilor-os cannot be installed until this is fixed: </translation>
    </message>
    <message>
        <location filename="../../../gui/install/wizard.py" line="44" />
        <source>Install veilor-os</source>
        <translation>Install veilor-os</translation>
    </message>
    <message>
        <location filename="../../../gui/install/wizard.py" line="44" />
        <source>Installation steps</source>
        <translation>Installation steps</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/choicelist.py" line="104" />
        <source>Clear the search</source>
        <translation>Clear the search</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/page.py" line="29" />
        <source>Dry run: no disk will be touched. The installer only writes the kickstart to {folder}.</source>
        <translation>Dry run: no disk will be touched. The installer only writes the kickstart to {folder}.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/page.py" line="33" />
        <source>Dry run notice</source>
        <translation>Dry run notice</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="49" />
        <source>Starting the camera…</source>
        <translation>Starting the camera…</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="50" />
        <source>Hold the QR code from your Veilor signup page up to the camera.</source>
        <translation>Hold the QR code from your Veilor signup page up to the camera.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="51" />
        <source>No camera was found. Connect one and try again, or paste the key instead.</source>
        <translation>No camera was found. Connect one and try again, or paste the key instead.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="53" />
        <source>The camera is in use by another program. Close that program and try again, or paste the key instead.</source>
        <translation>The camera is in use by another program. Close that program and try again, or paste the key instead.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="55" />
        <source>This account may not use the camera. Paste the key instead, or ask the computer's administrator for access.</source>
        <translation>This account may not use the camera. Paste the key instead, or ask the computer's administrator for access.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="57" />
        <source>The camera was disconnected. Plug it in again and try again, or paste the key instead.</source>
        <translation>The camera was disconnected. Plug it in again and try again, or paste the key instead.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="59" />
        <source>The video ended without a QR code. Try again, or paste the key instead.</source>
        <translation>The video ended without a QR code. Try again, or paste the key instead.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="61" />
        <source>The camera could not be used. Try again, or paste the key instead.</source>
        <translation>The camera could not be used. Try again, or paste the key instead.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="62" />
        <source>The camera is off.</source>
        <translation>The camera is off.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="107" />
        <source>Camera preview</source>
        <translation>Camera preview</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="211" />
        <source>Camera status</source>
        <translation>Camera status</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="213" />
        <source>&amp;Try again</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="214" />
        <source>Try the camera again</source>
        <translation>Try the camera again</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="217" />
        <source>&amp;Paste the key instead</source>
        <translation>&amp;Paste the key instead</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="218" />
        <source>Paste the key instead of scanning</source>
        <translation>Paste the key instead of scanning</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/qrscanner.py" line="336" />
        <source>QR code read.</source>
        <translation>QR code read.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/shell.py" line="57" />
        <source>&amp;Next</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/shell.py" line="58" />
        <source>&amp;Back</source>
        <translation>&amp;Back</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/shell.py" line="59" />
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="56" />
        <source>very weak</source>
        <translation>very weak</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="56" />
        <source>weak</source>
        <translation>weak</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="56" />
        <source>fair</source>
        <translation>fair</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="57" />
        <source>strong</source>
        <translation>strong</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="57" />
        <source>very strong</source>
        <translation>very strong</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="208" />
        <location filename="../../../gui/widgets/strength_meter.py" line="139" />
        <source>Strength: {label}</source>
        <translation>Strength: {label}</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="176" />
        <source>The strength could not be checked; try again.</source>
        <translation>The strength could not be checked; try again.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="188" />
        <source>{what} strength</source>
        <translation>{what} strength</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="189" />
        <source>Nothing typed yet.</source>
        <translation>Nothing typed yet.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="190" />
        <source>Strength: type to see how hard it is to guess.</source>
        <translation>Strength: type to see how hard it is to guess.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="199" />
        <source>Time to guess it: {time}.</source>
        <translation>Time to guess it: {time}.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="206" />
        <source>{what} strength: {label}</source>
        <translation>{what} strength: {label}</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="210" />
        <source>{what} strength: {label}.</source>
        <translation>{what} strength: {label}.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="324" />
        <source>Type the {noun} again to confirm it.</source>
        <translation>Type the {noun} again to confirm it.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="325" />
        <source>Choose a {noun}.</source>
        <translation>Choose a {noun}.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="327" />
        <source>The two {nouns} differ; type the same one twice.</source>
        <translation>The two {nouns} differ; type the same one twice.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="330" />
        <source>The {noun} is {size} bytes long (UTF-8); at most {limit} are allowed.</source>
        <translation>The {noun} is {size} bytes long (UTF-8); at most {limit} are allowed.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="333" />
        <source>The {noun} contains an invisible or control character ({character}); remove it.</source>
        <translation>The {noun} contains an invisible or control character ({character}); remove it.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="337" />
        <source>It is too easy to guess.</source>
        <translation>It is too easy to guess.</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="338" />
        <source>This {noun} is too weak ({label}): {why}</source>
        <translation>This {noun} is too weak ({label}): {why}</translation>
    </message>
    <message>
        <location filename="../../../gui/widgets/strength_meter.py" line="341" />
        <source>This {noun} is only of fair strength: choose a stronger one, or tick “Use it anyway”.</source>
        <translation>This {noun} is only of fair strength: choose a stronger one, or tick “Use it anyway”.</translation>
    </message>
</context>
</TS>
