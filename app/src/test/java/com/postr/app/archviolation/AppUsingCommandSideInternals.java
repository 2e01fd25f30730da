package com.postr.app.archviolation;

import com.postr.command.payment.PaymentGateway;

/** Breaks the app rule on purpose, so ArchitectureTest can show the rule would catch it. */
public class AppUsingCommandSideInternals {

    PaymentGateway gateway;
}
