-- AlterTable
ALTER TABLE "OrderEvent" ADD COLUMN     "amountMinor" BIGINT;

-- The database repeats the state machine (app/modules/ordering/order-state.ts, ALLOWED_STATUS_CHANGES): a status
-- change the table does not allow is refused whoever writes it. The list is generated from the table and compared
-- to it by tests/unit/order-status-trigger.test.ts.
CREATE FUNCTION "order_status_transition_allowed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" IS DISTINCT FROM OLD."status" AND (OLD."status"::text, NEW."status"::text) NOT IN (
      -- allowed:begin
      ('AWAITING_PAYMENT', 'CANCELLED'),
      ('AWAITING_PAYMENT', 'IN_FULFILMENT'),
      ('AWAITING_PAYMENT', 'PAID'),
      ('DELIVERED', 'COMPLETED'),
      ('IN_FULFILMENT', 'CANCELLED'),
      ('IN_FULFILMENT', 'SHIPPED'),
      ('PAID', 'CANCELLED'),
      ('PAID', 'IN_FULFILMENT'),
      ('PLACED', 'AWAITING_PAYMENT'),
      ('PLACED', 'CANCELLED'),
      ('PLACED', 'IN_FULFILMENT'),
      ('PLACED', 'PAID'),
      ('SHIPPED', 'DELIVERED')
      -- allowed:end
  ) THEN
    RAISE EXCEPTION 'Order status change % -> % is not allowed', OLD."status", NEW."status" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;
CREATE TRIGGER "Order_status_transition" BEFORE UPDATE OF "status" ON "Order"
  FOR EACH ROW EXECUTE FUNCTION "order_status_transition_allowed"();
