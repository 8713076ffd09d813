-- CreateEnum
CREATE TYPE "OrderSource" AS ENUM ('WAREHOUSE', 'ORIGIN');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('PLACED', 'AWAITING_PAYMENT', 'PAID', 'IN_FULFILMENT', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "TradeTerm" AS ENUM ('FOB', 'CIF', 'DDP');

-- CreateEnum
CREATE TYPE "PaymentMethod" AS ENUM ('STRIPE', 'BANK_TRANSFER', 'TERMS');

-- CreateEnum
CREATE TYPE "RfqStatus" AS ENUM ('OPEN', 'QUOTED', 'ACCEPTED', 'DECLINED', 'CLOSED');

-- CreateEnum
CREATE TYPE "QuoteStatus" AS ENUM ('OFFERED', 'COUNTERED', 'ACCEPTED', 'DECLINED', 'SUPERSEDED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "DisputeStatus" AS ENUM ('OPEN', 'RESOLVED_FOR_BUYER', 'RESOLVED_FOR_MANUFACTURER', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "PaymentStatus" AS ENUM ('PENDING', 'AWAITING_CONFIRMATION', 'SUCCEEDED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "RefundStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED');

-- CreateEnum
CREATE TYPE "BankTransferStatus" AS ENUM ('UNMATCHED', 'MATCHED', 'MATCHED_WITH_DIFFERENCE', 'RETURNED');

-- CreateTable
CREATE TABLE "Cart" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Cart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CartLine" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "cartId" UUID NOT NULL,
    "manufacturerOrganizationId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "variantId" UUID NOT NULL,
    "quantity" INTEGER NOT NULL,
    "addedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CartLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Checkout" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "placedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Checkout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Order" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "checkoutId" UUID,
    "placedById" UUID,
    "status" "OrderStatus" NOT NULL DEFAULT 'PLACED',
    "source" "OrderSource" NOT NULL,
    "warehouseId" UUID NOT NULL,
    "tradeTerm" "TradeTerm" NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,
    "subtotalMinor" BIGINT NOT NULL,
    "shippingMinor" BIGINT NOT NULL DEFAULT 0,
    "totalMinor" BIGINT NOT NULL,
    "buyerCurrencyCode" CHAR(3) NOT NULL,
    "buyerTotalMinor" BIGINT NOT NULL,
    "fxRate" DECIMAL(24,12) NOT NULL,
    "fxRateDate" DATE NOT NULL,
    "paymentMethod" "PaymentMethod",
    "paidMinor" BIGINT NOT NULL DEFAULT 0,
    "refundedMinor" BIGINT NOT NULL DEFAULT 0,
    "paymentDueOn" DATE,
    "bankReference" TEXT NOT NULL,
    "poNumber" TEXT,
    "leadTimeDaysMin" INTEGER NOT NULL,
    "leadTimeDaysMax" INTEGER NOT NULL,
    "buyerSnapshot" JSONB NOT NULL,
    "deliveryAddress" JSONB NOT NULL,
    "quoteId" UUID,
    "placedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paidAt" TIMESTAMP(3),
    "shippedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Order_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderLine" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "productId" UUID NOT NULL,
    "variantId" UUID NOT NULL,
    "sku" TEXT NOT NULL,
    "names" JSONB NOT NULL,
    "hsCode" VARCHAR(10) NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unitPriceMinor" BIGINT NOT NULL,
    "lineTotalMinor" BIGINT NOT NULL,
    "tierMinQuantity" INTEGER,
    "reservationId" UUID,

    CONSTRAINT "OrderLine_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrderEvent" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "fromStatus" "OrderStatus",
    "toStatus" "OrderStatus" NOT NULL,
    "actorUserId" UUID,
    "actorOrganizationId" UUID,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rfq" (
    "id" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "createdById" UUID,
    "productId" UUID,
    "variantId" UUID,
    "title" TEXT NOT NULL,
    "specification" TEXT NOT NULL DEFAULT '',
    "quantity" INTEGER NOT NULL,
    "destinationCountry" CHAR(2) NOT NULL,
    "tradeTerm" "TradeTerm" NOT NULL,
    "targetPriceMinor" BIGINT,
    "targetCurrencyCode" CHAR(3),
    "attachmentKeys" TEXT[],
    "status" "RfqStatus" NOT NULL DEFAULT 'OPEN',
    "respondBy" TIMESTAMP(3) NOT NULL,
    "firstResponseAt" TIMESTAMP(3),
    "responseSeconds" INTEGER,
    "closedReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Rfq_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RfqMessage" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "rfqId" UUID NOT NULL,
    "authorUserId" UUID,
    "authorOrganizationId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "locale" "Locale" NOT NULL,
    "attachmentKeys" TEXT[],
    "quoteId" UUID,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RfqMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Quote" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "rfqId" UUID NOT NULL,
    "offeredByOrganizationId" UUID NOT NULL,
    "offeredById" UUID,
    "variantId" UUID,
    "quantity" INTEGER NOT NULL,
    "unitPriceMinor" BIGINT NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,
    "tradeTerm" "TradeTerm" NOT NULL,
    "leadTimeDays" INTEGER NOT NULL,
    "validUntil" TIMESTAMP(3) NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "status" "QuoteStatus" NOT NULL DEFAULT 'OFFERED',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "Quote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dispute" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "openedById" UUID,
    "reason" TEXT NOT NULL,
    "status" "DisputeStatus" NOT NULL DEFAULT 'OPEN',
    "resolution" TEXT,
    "resolvedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "Dispute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DisputeMessage" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "disputeId" UUID NOT NULL,
    "authorUserId" UUID,
    "authorOrganizationId" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "attachmentKeys" TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DisputeMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "href" TEXT,
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "method" "PaymentMethod" NOT NULL,
    "status" "PaymentStatus" NOT NULL DEFAULT 'PENDING',
    "currencyCode" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "receivedMinor" BIGINT NOT NULL DEFAULT 0,
    "stripeCheckoutSessionId" TEXT,
    "stripePaymentIntentId" TEXT,
    "stripeMethodType" TEXT,
    "voucher" JSONB,
    "failureReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "succeededAt" TIMESTAMP(3),

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Refund" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "paymentId" UUID,
    "currencyCode" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "RefundStatus" NOT NULL DEFAULT 'PENDING',
    "stripeRefundId" TEXT,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StripeEvent" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "objectId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "payload" JSONB NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "StripeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BankTransfer" (
    "id" UUID NOT NULL,
    "bankTransactionId" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "payerName" TEXT NOT NULL,
    "referenceText" TEXT NOT NULL DEFAULT '',
    "currencyCode" CHAR(3) NOT NULL,
    "amountMinor" BIGINT NOT NULL,
    "status" "BankTransferStatus" NOT NULL DEFAULT 'UNMATCHED',
    "orderId" UUID,
    "paymentId" UUID,
    "note" TEXT NOT NULL DEFAULT '',
    "recordedById" UUID,
    "matchedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "matchedAt" TIMESTAMP(3),

    CONSTRAINT "BankTransfer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CreditAccount" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "termsDays" INTEGER NOT NULL,
    "limitMinor" BIGINT NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,
    "approvedById" UUID,
    "approvedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "suspendedAt" TIMESTAMP(3),
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "CreditAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformBankAccount" (
    "id" UUID NOT NULL,
    "currencyCode" CHAR(3) NOT NULL,
    "beneficiary" TEXT NOT NULL,
    "bankName" TEXT NOT NULL,
    "iban" TEXT,
    "accountNumber" TEXT,
    "swift" TEXT NOT NULL,
    "bankAddress" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "PlatformBankAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Cart_organizationId_key" ON "Cart"("organizationId");

-- CreateIndex
CREATE INDEX "CartLine_organizationId_idx" ON "CartLine"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "CartLine_cartId_variantId_key" ON "CartLine"("cartId", "variantId");

-- CreateIndex
CREATE INDEX "Checkout_organizationId_createdAt_idx" ON "Checkout"("organizationId", "createdAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "Order_number_key" ON "Order"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Order_bankReference_key" ON "Order"("bankReference");

-- CreateIndex
CREATE UNIQUE INDEX "Order_quoteId_key" ON "Order"("quoteId");

-- CreateIndex
CREATE INDEX "Order_organizationId_placedAt_idx" ON "Order"("organizationId", "placedAt" DESC);

-- CreateIndex
CREATE INDEX "Order_buyerOrganizationId_placedAt_idx" ON "Order"("buyerOrganizationId", "placedAt" DESC);

-- CreateIndex
CREATE INDEX "Order_organizationId_status_placedAt_idx" ON "Order"("organizationId", "status", "placedAt" DESC);

-- CreateIndex
CREATE INDEX "Order_buyerOrganizationId_status_placedAt_idx" ON "Order"("buyerOrganizationId", "status", "placedAt" DESC);

-- CreateIndex
CREATE INDEX "Order_status_placedAt_idx" ON "Order"("status", "placedAt" DESC);

-- CreateIndex
CREATE INDEX "Order_status_paymentDueOn_idx" ON "Order"("status", "paymentDueOn");

-- CreateIndex
CREATE INDEX "OrderLine_orderId_idx" ON "OrderLine"("orderId");

-- CreateIndex
CREATE INDEX "OrderLine_organizationId_variantId_idx" ON "OrderLine"("organizationId", "variantId");

-- CreateIndex
CREATE INDEX "OrderEvent_orderId_createdAt_idx" ON "OrderEvent"("orderId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Rfq_number_key" ON "Rfq"("number");

-- CreateIndex
CREATE INDEX "Rfq_organizationId_status_createdAt_idx" ON "Rfq"("organizationId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Rfq_buyerOrganizationId_status_createdAt_idx" ON "Rfq"("buyerOrganizationId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Rfq_status_respondBy_idx" ON "Rfq"("status", "respondBy");

-- CreateIndex
CREATE INDEX "RfqMessage_rfqId_createdAt_idx" ON "RfqMessage"("rfqId", "createdAt");

-- CreateIndex
CREATE INDEX "Quote_rfqId_createdAt_idx" ON "Quote"("rfqId", "createdAt");

-- CreateIndex
CREATE INDEX "Quote_status_validUntil_idx" ON "Quote"("status", "validUntil");

-- CreateIndex
CREATE INDEX "Dispute_orderId_idx" ON "Dispute"("orderId");

-- CreateIndex
CREATE INDEX "Dispute_status_createdAt_idx" ON "Dispute"("status", "createdAt");

-- CreateIndex
CREATE INDEX "DisputeMessage_disputeId_createdAt_idx" ON "DisputeMessage"("disputeId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Notification_organizationId_idx" ON "Notification"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_stripeCheckoutSessionId_key" ON "Payment"("stripeCheckoutSessionId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_stripePaymentIntentId_key" ON "Payment"("stripePaymentIntentId");

-- CreateIndex
CREATE INDEX "Payment_orderId_idx" ON "Payment"("orderId");

-- CreateIndex
CREATE INDEX "Payment_status_createdAt_idx" ON "Payment"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Refund_stripeRefundId_key" ON "Refund"("stripeRefundId");

-- CreateIndex
CREATE INDEX "Refund_orderId_idx" ON "Refund"("orderId");

-- CreateIndex
CREATE INDEX "StripeEvent_processedAt_receivedAt_idx" ON "StripeEvent"("processedAt", "receivedAt");

-- CreateIndex
CREATE INDEX "StripeEvent_objectId_createdAt_idx" ON "StripeEvent"("objectId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BankTransfer_bankTransactionId_key" ON "BankTransfer"("bankTransactionId");

-- CreateIndex
CREATE INDEX "BankTransfer_status_receivedOn_idx" ON "BankTransfer"("status", "receivedOn");

-- CreateIndex
CREATE INDEX "BankTransfer_orderId_idx" ON "BankTransfer"("orderId");

-- CreateIndex
CREATE UNIQUE INDEX "CreditAccount_organizationId_key" ON "CreditAccount"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformBankAccount_currencyCode_key" ON "PlatformBankAccount"("currencyCode");

-- AddForeignKey
ALTER TABLE "CartLine" ADD CONSTRAINT "CartLine_cartId_fkey" FOREIGN KEY ("cartId") REFERENCES "Cart"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_checkoutId_fkey" FOREIGN KEY ("checkoutId") REFERENCES "Checkout"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderEvent" ADD CONSTRAINT "OrderEvent_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RfqMessage" ADD CONSTRAINT "RfqMessage_rfqId_fkey" FOREIGN KEY ("rfqId") REFERENCES "Rfq"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_rfqId_fkey" FOREIGN KEY ("rfqId") REFERENCES "Rfq"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Dispute" ADD CONSTRAINT "Dispute_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DisputeMessage" ADD CONSTRAINT "DisputeMessage_disputeId_fkey" FOREIGN KEY ("disputeId") REFERENCES "Dispute"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "Order"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The database repeats the module's promises: positive quantities, amounts never negative, refunds within payments.
ALTER TABLE "CartLine" ADD CONSTRAINT "CartLine_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "OrderLine" ADD CONSTRAINT "OrderLine_amounts_not_negative" CHECK ("unitPriceMinor" >= 0 AND "lineTotalMinor" >= 0);
ALTER TABLE "Order" ADD CONSTRAINT "Order_amounts_not_negative" CHECK ("subtotalMinor" >= 0 AND "shippingMinor" >= 0 AND "totalMinor" >= 0 AND "buyerTotalMinor" >= 0 AND "paidMinor" >= 0 AND "refundedMinor" >= 0 AND "fxRate" > 0);

ALTER TABLE "Order" ADD CONSTRAINT "Order_two_parties" CHECK ("organizationId" <> "buyerOrganizationId");
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_amounts_not_negative" CHECK ("amountMinor" >= 0 AND "receivedMinor" >= 0);
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_amount_positive" CHECK ("amountMinor" > 0);
ALTER TABLE "BankTransfer" ADD CONSTRAINT "BankTransfer_amount_positive" CHECK ("amountMinor" > 0);
ALTER TABLE "CreditAccount" ADD CONSTRAINT "CreditAccount_terms" CHECK ("termsDays" IN (30, 60) AND "limitMinor" >= 0);
ALTER TABLE "Rfq" ADD CONSTRAINT "Rfq_quantity_positive" CHECK ("quantity" > 0);
ALTER TABLE "Quote" ADD CONSTRAINT "Quote_terms_valid" CHECK ("quantity" > 0 AND "unitPriceMinor" > 0 AND "leadTimeDays" >= 0);
