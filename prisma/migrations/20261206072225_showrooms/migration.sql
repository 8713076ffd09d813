-- CreateEnum
CREATE TYPE "StorefrontStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "ParticipationStatus" AS ENUM ('INVITED', 'ACCEPTED', 'DECLINED', 'LEFT', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ShowroomEventKind" AS ENUM ('EXHIBITION', 'BUYER_DELEGATION', 'LIVESTREAM');

-- CreateEnum
CREATE TYPE "ShowroomEventStatus" AS ENUM ('SCHEDULED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "EventRegistrationStatus" AS ENUM ('REGISTERED', 'WAITLISTED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "LeadStatus" AS ENUM ('NEW', 'ANSWERED', 'CLOSED');

-- AlterTable
ALTER TABLE "CartLine" ADD COLUMN     "sourceBoothId" UUID,
ADD COLUMN     "sourceStorefrontId" UUID;

-- AlterTable
ALTER TABLE "OrderLine" ADD COLUMN     "sourceBoothId" UUID,
ADD COLUMN     "sourceStorefrontId" UUID;

-- AlterTable
ALTER TABLE "Rfq" ADD COLUMN     "sourceBoothId" UUID,
ADD COLUMN     "sourceEventId" UUID,
ADD COLUMN     "sourceStorefrontId" UUID;

-- CreateTable
CREATE TABLE "Storefront" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "status" "StorefrontStatus" NOT NULL DEFAULT 'DRAFT',
    "languages" "Locale"[],
    "name" JSONB NOT NULL,
    "heroTitle" JSONB NOT NULL DEFAULT '{}',
    "heroText" JSONB NOT NULL DEFAULT '{}',
    "addressLine1" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "countryCode" CHAR(2) NOT NULL,
    "postalCode" TEXT,
    "latitude" DECIMAL(9,6),
    "longitude" DECIMAL(9,6),
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "openingHours" JSONB NOT NULL DEFAULT '[]',
    "planWidth" INTEGER NOT NULL DEFAULT 40,
    "planHeight" INTEGER NOT NULL DEFAULT 24,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Storefront_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StorefrontImage" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "storefrontId" UUID NOT NULL,
    "locale" "Locale",
    "storageKey" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "bytes" INTEGER NOT NULL,
    "alt" JSONB NOT NULL DEFAULT '{}',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StorefrontImage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StorefrontBooth" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "storefrontId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "label" JSONB NOT NULL DEFAULT '{}',
    "x" INTEGER NOT NULL,
    "y" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "participationId" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StorefrontBooth_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StorefrontParticipation" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "storefrontId" UUID NOT NULL,
    "status" "ParticipationStatus" NOT NULL DEFAULT 'INVITED',
    "message" TEXT NOT NULL DEFAULT '',
    "invitedById" UUID,
    "invitedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "respondedById" UUID,
    "respondedAt" TIMESTAMP(3),
    "leftAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StorefrontParticipation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StorefrontSection" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "storefrontId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "title" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StorefrontSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StorefrontSectionItem" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "sectionId" UUID NOT NULL,
    "manufacturerOrganizationId" UUID NOT NULL,
    "productId" UUID,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StorefrontSectionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShowroomEvent" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "storefrontId" UUID NOT NULL,
    "kind" "ShowroomEventKind" NOT NULL,
    "status" "ShowroomEventStatus" NOT NULL DEFAULT 'SCHEDULED',
    "title" JSONB NOT NULL,
    "description" JSONB NOT NULL DEFAULT '{}',
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "timeZone" TEXT NOT NULL,
    "language" "Locale" NOT NULL,
    "capacity" INTEGER NOT NULL,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShowroomEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShowroomEventRegistration" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID NOT NULL,
    "eventId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "status" "EventRegistrationStatus" NOT NULL,
    "registeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cancelledAt" TIMESTAMP(3),
    "reminderSentAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShowroomEventRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShowroomLead" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID,
    "userId" UUID,
    "storefrontId" UUID NOT NULL,
    "boothId" UUID,
    "productId" UUID,
    "eventId" UUID,
    "kind" TEXT NOT NULL,
    "status" "LeadStatus" NOT NULL DEFAULT 'NEW',
    "countryCode" CHAR(2),
    "name" TEXT,
    "company" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "message" TEXT,
    "locale" "Locale" NOT NULL,
    "consentAt" TIMESTAMP(3),
    "consentVersion" TEXT,
    "withdrawTokenHash" TEXT,
    "withdrawnAt" TIMESTAMP(3),
    "erasedAt" TIMESTAMP(3),
    "rfqId" UUID,
    "orderId" UUID,
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShowroomLead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShowroomLeadReply" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "buyerOrganizationId" UUID,
    "leadId" UUID NOT NULL,
    "authorUserId" UUID,
    "body" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShowroomLeadReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShowroomTrafficDaily" (
    "id" UUID NOT NULL,
    "operatorOrganizationId" UUID NOT NULL,
    "storefrontId" UUID NOT NULL,
    "boothId" TEXT NOT NULL DEFAULT '',
    "manufacturerOrganizationId" TEXT NOT NULL DEFAULT '',
    "productId" TEXT NOT NULL DEFAULT '',
    "eventId" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL,
    "countryCode" CHAR(2) NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ShowroomTrafficDaily_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Storefront_slug_key" ON "Storefront"("slug");

-- CreateIndex
CREATE INDEX "Storefront_organizationId_status_idx" ON "Storefront"("organizationId", "status");

-- CreateIndex
CREATE INDEX "Storefront_status_publishedAt_idx" ON "Storefront"("status", "publishedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "StorefrontImage_storageKey_key" ON "StorefrontImage"("storageKey");

-- CreateIndex
CREATE INDEX "StorefrontImage_storefrontId_position_idx" ON "StorefrontImage"("storefrontId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "StorefrontBooth_participationId_key" ON "StorefrontBooth"("participationId");

-- CreateIndex
CREATE UNIQUE INDEX "StorefrontBooth_storefrontId_code_key" ON "StorefrontBooth"("storefrontId", "code");

-- CreateIndex
CREATE INDEX "StorefrontParticipation_organizationId_status_idx" ON "StorefrontParticipation"("organizationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "StorefrontParticipation_storefrontId_organizationId_key" ON "StorefrontParticipation"("storefrontId", "organizationId");

-- CreateIndex
CREATE INDEX "StorefrontSection_storefrontId_position_idx" ON "StorefrontSection"("storefrontId", "position");

-- CreateIndex
CREATE INDEX "StorefrontSectionItem_manufacturerOrganizationId_idx" ON "StorefrontSectionItem"("manufacturerOrganizationId");

-- CreateIndex
CREATE UNIQUE INDEX "StorefrontSectionItem_sectionId_manufacturerOrganizationId__key" ON "StorefrontSectionItem"("sectionId", "manufacturerOrganizationId", "productId");

-- CreateIndex
CREATE INDEX "ShowroomEvent_storefrontId_startsAt_idx" ON "ShowroomEvent"("storefrontId", "startsAt");

-- CreateIndex
CREATE INDEX "ShowroomEvent_status_startsAt_idx" ON "ShowroomEvent"("status", "startsAt");

-- CreateIndex
CREATE INDEX "ShowroomEventRegistration_eventId_status_registeredAt_idx" ON "ShowroomEventRegistration"("eventId", "status", "registeredAt");

-- CreateIndex
CREATE INDEX "ShowroomEventRegistration_status_reminderSentAt_idx" ON "ShowroomEventRegistration"("status", "reminderSentAt");

-- CreateIndex
CREATE UNIQUE INDEX "ShowroomEventRegistration_eventId_userId_key" ON "ShowroomEventRegistration"("eventId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "ShowroomLead_withdrawTokenHash_key" ON "ShowroomLead"("withdrawTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ShowroomLead_rfqId_key" ON "ShowroomLead"("rfqId");

-- CreateIndex
CREATE INDEX "ShowroomLead_organizationId_status_createdAt_idx" ON "ShowroomLead"("organizationId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ShowroomLead_storefrontId_createdAt_idx" ON "ShowroomLead"("storefrontId", "createdAt");

-- CreateIndex
CREATE INDEX "ShowroomLead_buyerOrganizationId_idx" ON "ShowroomLead"("buyerOrganizationId");

-- CreateIndex
CREATE INDEX "ShowroomLeadReply_leadId_createdAt_idx" ON "ShowroomLeadReply"("leadId", "createdAt");

-- CreateIndex
CREATE INDEX "ShowroomTrafficDaily_operatorOrganizationId_day_idx" ON "ShowroomTrafficDaily"("operatorOrganizationId", "day");

-- CreateIndex
CREATE INDEX "ShowroomTrafficDaily_manufacturerOrganizationId_day_idx" ON "ShowroomTrafficDaily"("manufacturerOrganizationId", "day");

-- CreateIndex
CREATE UNIQUE INDEX "ShowroomTrafficDaily_storefrontId_boothId_manufacturerOrgan_key" ON "ShowroomTrafficDaily"("storefrontId", "boothId", "manufacturerOrganizationId", "productId", "eventId", "kind", "countryCode", "day");

-- CreateIndex
CREATE INDEX "OrderLine_sourceStorefrontId_idx" ON "OrderLine"("sourceStorefrontId");

-- CreateIndex
CREATE INDEX "Rfq_sourceStorefrontId_idx" ON "Rfq"("sourceStorefrontId");

-- AddForeignKey
ALTER TABLE "StorefrontImage" ADD CONSTRAINT "StorefrontImage_storefrontId_fkey" FOREIGN KEY ("storefrontId") REFERENCES "Storefront"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StorefrontBooth" ADD CONSTRAINT "StorefrontBooth_storefrontId_fkey" FOREIGN KEY ("storefrontId") REFERENCES "Storefront"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StorefrontBooth" ADD CONSTRAINT "StorefrontBooth_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "StorefrontParticipation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StorefrontParticipation" ADD CONSTRAINT "StorefrontParticipation_storefrontId_fkey" FOREIGN KEY ("storefrontId") REFERENCES "Storefront"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StorefrontSection" ADD CONSTRAINT "StorefrontSection_storefrontId_fkey" FOREIGN KEY ("storefrontId") REFERENCES "Storefront"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StorefrontSectionItem" ADD CONSTRAINT "StorefrontSectionItem_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "StorefrontSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShowroomEvent" ADD CONSTRAINT "ShowroomEvent_storefrontId_fkey" FOREIGN KEY ("storefrontId") REFERENCES "Storefront"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShowroomEventRegistration" ADD CONSTRAINT "ShowroomEventRegistration_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "ShowroomEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShowroomLeadReply" ADD CONSTRAINT "ShowroomLeadReply_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "ShowroomLead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The rules the showrooms module applies, repeated by the database.
ALTER TABLE "Storefront" ADD CONSTRAINT "Storefront_slug_shape" CHECK ("slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length("slug") <= 80);
ALTER TABLE "Storefront" ADD CONSTRAINT "Storefront_languages_present" CHECK (cardinality("languages") >= 1);
ALTER TABLE "Storefront" ADD CONSTRAINT "Storefront_plan_size" CHECK ("planWidth" BETWEEN 4 AND 200 AND "planHeight" BETWEEN 4 AND 200);
ALTER TABLE "StorefrontBooth" ADD CONSTRAINT "StorefrontBooth_geometry" CHECK ("x" >= 0 AND "y" >= 0 AND "width" >= 1 AND "height" >= 1);
ALTER TABLE "ShowroomEvent" ADD CONSTRAINT "ShowroomEvent_times" CHECK ("endsAt" > "startsAt");
ALTER TABLE "ShowroomEvent" ADD CONSTRAINT "ShowroomEvent_capacity" CHECK ("capacity" BETWEEN 1 AND 100000);
ALTER TABLE "ShowroomEvent" ADD CONSTRAINT "ShowroomEvent_link_https" CHECK ("link" IS NULL OR "link" LIKE 'https://%');
ALTER TABLE "ShowroomLead" ADD CONSTRAINT "ShowroomLead_kind" CHECK ("kind" IN ('contact', 'rfq', 'sample_order', 'event'));
ALTER TABLE "ShowroomLead" ADD CONSTRAINT "ShowroomLead_guest_consent" CHECK ("userId" IS NOT NULL OR "consentAt" IS NOT NULL OR "erasedAt" IS NOT NULL);
ALTER TABLE "ShowroomLead" ADD CONSTRAINT "ShowroomLead_erased_is_empty" CHECK ("erasedAt" IS NULL OR ("name" IS NULL AND "company" IS NULL AND "email" IS NULL AND "phone" IS NULL AND "message" IS NULL));
ALTER TABLE "ShowroomLeadReply" ADD CONSTRAINT "ShowroomLeadReply_body_length" CHECK ("body" IS NULL OR length("body") <= 8000);
ALTER TABLE "ShowroomTrafficDaily" ADD CONSTRAINT "ShowroomTrafficDaily_kind" CHECK ("kind" IN ('visit', 'scan'));
ALTER TABLE "ShowroomTrafficDaily" ADD CONSTRAINT "ShowroomTrafficDaily_count" CHECK ("count" >= 0);
