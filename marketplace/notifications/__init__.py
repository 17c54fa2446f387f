"""In-app notifications and their e-mail copies.

Features tell people about things with one call, in their own transaction::

    from marketplace.errors import N_, Message
    from marketplace.notifications.services import notify

    notify(session, organisation_or_user, "fees.reminder",
           Message(N_("The annual fee for %(patent)s is due on %(date)s."),
                   {"patent": patent.title, "date": "2027-03-15"}),
           link=f"/patents/{patent.id}")

``notify`` writes one notification per recipient user (every active user of an organisation)
and, with ``email=True`` (the default), marks it for e-mail. Messages are stored as their English
template and values and shown in each reader's language. E-mails leave only after the commit,
through the sender chosen by ``MAIL_SENDER`` (``delivery.py``); a failed send stays pending for
``marketplace notifications send``.
"""
